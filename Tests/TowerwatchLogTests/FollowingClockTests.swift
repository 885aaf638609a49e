import Foundation
import Testing
import TowerwatchCore
import TowerwatchDemo
import TowerwatchLog

/// A screen's clock runs on after a fast scenario: the drill console's header
/// once stood still at the scenario's last record until the wall clock caught up.
@Suite struct FollowingClockTests {
    let start = Timestamp(year: 2026, month: 11, day: 29, hour: 6)

    @Test func `a record ahead of the clock moves it there, and it runs on at the clock's pace`() {
        let wall = ManualClock(start)
        let clock = FollowingClock(base: wall)
        #expect(clock.now() == start)
        clock.observe(start + .minutes(6))          // a scenario at 10x wrote six minutes ahead
        #expect(clock.now() == start + .minutes(6))
        wall.advance(by: .seconds(30))
        #expect(clock.now() == start + .minutes(6) + .seconds(30), "it must not stand still at the last record")
        clock.observe(start + .minutes(6))          // the same record seen again changes nothing
        clock.observe(start + .minutes(1))          // an older one neither
        #expect(clock.now() == start + .minutes(6) + .seconds(30))
        clock.observe(nil)
        #expect(clock.now() == start + .minutes(6) + .seconds(30))
        // Records that keep pace with the clock leave it as it is.
        clock.observe(start + .minutes(6) + .seconds(20))
        #expect(clock.now() == start + .minutes(6) + .seconds(30))
    }

    @Test func `it never goes back, and the base clock rules once it is ahead`() {
        let wall = ManualClock(start)
        let clock = FollowingClock(base: wall)
        clock.observe(start + .minutes(2))
        var previous = clock.now()
        for _ in 0..<300 {
            wall.advance(by: .seconds(1))
            let now = clock.now()
            #expect(now > previous)
            previous = now
        }
        #expect(clock.now() == start + .minutes(7))
        let ahead = ManualClock(start + .hours(1))
        let following = FollowingClock(base: ahead)
        following.observe(start + .minutes(59))
        #expect(following.now() == start + .hours(1))
    }

    @Test func `after a scenario at 10x the drill's clock keeps moving (the frozen header)`() throws {
        let dir = LogFixture.makeDirectory()
        defer { LogFixture.remove(dir) }
        let path = dir + "/drill.twlog"
        try FileEventStore.create(path: path, header: LogHeader(mode: .drill, created: start))
        let district = try DistrictLog(store: FileEventStore(path: path, writable: true))
        _ = try DemoDistrict.write(to: district, at: start)
        let scenario = try ScenarioParser.load(path: DrillScenarioTests.repository + "/docs/scenarios/fire-alarm-zhongfu.yaml")
        let wall = ManualClock(start)
        let outcome = try ScenarioPlayer.play(scenario, file: "fire-alarm-zhongfu.yaml", into: district, speed: 10, clock: wall,
                                              sleep: { wall.advance(by: $0) })
        #expect(outcome.played == scenario.steps.count)
        // The console follows the log on the drill's own clock.
        let console = try DistrictLog(store: FileEventStore(path: path, writable: false))
        let clock = FollowingClock.forLog(console.store.header, base: wall)
        clock.observe(console.state.lastTime)
        let shown = clock.now()
        let last = try #require(console.state.lastTime)
        #expect(last > wall.now(), "at 10x the scenario wrote ahead of the wall clock")
        #expect(shown >= last)
        // A minute later on the wall, the header must have moved a minute, not stood at the last record.
        wall.advance(by: .minutes(1))
        clock.observe(console.state.lastTime)
        #expect(clock.now() == shown + .minutes(1))
        // What the screens did before: the later of the wall clock and the last record stood still.
        #expect(max(wall.now(), last) == last)
    }
}
