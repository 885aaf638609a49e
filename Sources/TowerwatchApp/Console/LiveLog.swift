import Foundation
import TowerwatchCore
import TowerwatchLog
import TowerwatchUI

/// A log as a live console follows it and acts on it: the officer console and
/// the guard console share this, so they follow, time and write alike.
public struct LiveLog {
    public let district: DistrictLog
    /// The wall clock, or a forked drill's own clock (`DrillClock.forLog`), followed.
    public let clock: FollowingClock

    /// Follows `district` on `clock` (a test's manual clock, the wall clock, a drill's),
    /// wrapped in a `FollowingClock` unless it is one already.
    public init(_ district: DistrictLog, clock: any Clock) {
        self.district = district
        self.clock = clock as? FollowingClock ?? FollowingClock(base: clock)
    }

    /// The district's "now": the clock's, but never earlier than the latest record,
    /// and running on from a record written ahead of it (a simulator or scenario
    /// faster than real time): never standing still at it (see `FollowingClock`).
    public func now() -> Timestamp {
        clock.observe(district.state.lastTime)
        return clock.now()
    }

    /// How the district's times read here, and the name of a recorded zone this
    /// machine does not know (then read as UTC).
    public func localTime() -> (time: LocalTimeText, unknown: String?) { SystemZones.localTime(for: district.state) }

    /// The descriptor that wakes the console when the log changes.
    public var watched: Int32? { district.store.changeDescriptor }

    /// The log's file name, for the status bar.
    public var name: String { LogLocation.shortName(district.store.name) }

    /// Folds in what other processes appended; the status to show when the file was
    /// replaced (and reopened) or could not be read, nil otherwise.
    public func follow() -> StatusMessage? {
        district.store.drainChanges()
        do {
            if try district.followChanges() {
                return StatusMessage(text: "the log file was replaced (repaired?): reopened it and replayed it", isError: false)
            }
        } catch {
            return StatusMessage(text: "log: \(error)", isError: true)
        }
        // A database store that lost its connection says so (and when it tries again).
        return district.store.followingProblem.map { StatusMessage(text: $0, isError: true) }
    }

    /// What came of running a command.
    public enum Outcome {
        /// `decide` took it (records appended) or refused it.
        case decided(Result<[EventRecord], Rejection>)
        /// Nothing was written, and why: the log is read-only, or the write failed.
        case notWritten(StatusMessage)
    }

    /// Runs `command` through `DistrictLog.execute`, which decides it against the
    /// latest log under the write lock, so a dispatch withdrawn a moment ago is
    /// refused, not half-done.
    public func execute(_ command: Command) -> Outcome {
        guard district.store.isWritable else {
            return .notWritten(StatusMessage(text: "this console opened the log read-only; nothing was written", isError: true))
        }
        do {
            try DistrictZone.requireKnown(command.action)
            return .decided(try district.execute(command, now: now()))
        } catch let rejection as Rejection {
            return .decided(.failure(rejection))
        } catch {
            return .notWritten(StatusMessage(text: "not written: \(error)", isError: true))
        }
    }
}

/// A console over a live log (the officer's, a guard's): it follows the log
/// and keeps the log's time.
public protocol LiveConsole: ConsoleProgram {
    associatedtype Model: StatusShowing
    var model: Model { get set }
    var log: LiveLog { get }
}

extension LiveConsole {
    public var watched: Int32? { log.watched }
    public func now() -> Timestamp { log.now() }
    public var status: StatusMessage? {
        get { model.status }
        set { model.status = newValue }
    }
}

/// A console model with a status line.
public protocol StatusShowing {
    var status: StatusMessage? { get set }
}

extension ConsoleModel: StatusShowing {}
extension GuardModel: StatusShowing {}
