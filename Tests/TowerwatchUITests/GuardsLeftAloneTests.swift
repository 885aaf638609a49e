import Foundation
import Testing
import TowerwatchCore
@testable import TowerwatchDemo

/// The simulator never acts for a guard a person drives: named with
/// `--leave`, with a guard console open (a presence file), or acted for by a
/// person in the last hour.
@Suite("Simulator leaves people's guards alone")
struct GuardsLeftAloneTests {
    let fixture = ConsoleFixture()

    @Test("--leave names guards the simulator never acts for, as them or for them")
    func explicit() {
        let leave = GuardsLeftAlone(explicit: ["G-011"])
        let s = fixture.state
        #expect(leave.excludes(Command(.guard("G-011"), .acknowledge("D-000002", channel: .console)), state: s, now: fixture.now))
        #expect(leave.excludes(Command(.officer("O-01"), .acknowledge("D-000002", channel: .radio)), state: s, now: fixture.now))
        #expect(leave.excludes(Command(.officer("O-01"), .goOffDuty("G-011")), state: s, now: fixture.now))
        #expect(!leave.excludes(Command(.guard("G-001"), .arrive("D-000001")), state: s, now: fixture.now))
    }

    @Test("a presence file counts while its process runs, and not after")
    func presence() throws {
        let dir = NSTemporaryDirectory() + "tw-presence-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mark = try GuardPresence.claim("G-017", in: dir)
        #expect(GuardPresence.isPresent("G-017", in: dir))
        #expect(!GuardPresence.isPresent("G-018", in: dir))
        let leave = GuardsLeftAlone(presenceDirectory: dir)
        #expect(leave.isLeftAlone("G-017", now: fixture.now))
        mark.release()
        #expect(!GuardPresence.isPresent("G-017", in: dir))
        // A file left by a process that is gone.
        try "2147483646\n".write(toFile: dir + "/G-019", atomically: true, encoding: .utf8)
        #expect(!GuardPresence.isPresent("G-019", in: dir))
    }

    @Test("a person acting for a guard keeps the simulator away for an hour; the simulator's own records do not")
    func personActedLastHour() {
        // G-001's report, acknowledgement and arrival (the last at +5 min), written by a person.
        let people = GuardsLeftAlone()
        people.look(at: fixture.recent, state: fixture.state)
        #expect(people.isLeftAlone("G-001", now: fixture.now))
        #expect(people.isLeftAlone("G-001", now: fixture.start + .minutes(5) + .minutes(59)))
        #expect(!people.isLeftAlone("G-001", now: fixture.start + .minutes(5) + .hours(1)))
        #expect(!people.isLeftAlone("G-012", now: fixture.now))
        // The same records written by the simulator itself.
        let simulated = GuardsLeftAlone()
        simulated.wrote(fixture.recent.filter { $0.actor == .guard("G-001") })
        simulated.look(at: fixture.recent, state: fixture.state)
        #expect(!simulated.isLeftAlone("G-001", now: fixture.now))
    }
}
