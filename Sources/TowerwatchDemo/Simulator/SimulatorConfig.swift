/// How busy and how well-behaved the simulated district is.
///
/// `standard` follows the report's figures (about 2 fire hazards and 1.6
/// disputes a day, which over a year matches its 800+ fire hazards and 600+
/// disputes); `lively` packs more into each hour, for a console someone is
/// watching right now.
public struct SimulatorConfig: Sendable, Hashable {
    /// A multiplier on every hazard rate.
    public var hazardRate: Double = 1
    /// Seconds between one guard's checkpoint scans.
    public var scanInterval: ClosedRange<Int> = 90...240
    /// Seconds before a shift starts that incoming guards go on duty (at the first look: after it).
    public var onDutyStagger: ClosedRange<Int> = 0...600
    /// Seconds between alliance bulletins.
    public var bulletinInterval: ClosedRange<Int> = 7_200...21_600
    /// Hazards reported at once when the simulator starts.
    public var openingHazards = 0
    /// Share of dispatches the guard never acknowledges on the console (the officer chases them).
    public var unacknowledgedShare = 0.06
    /// Share of dispatches acknowledged after the one-minute timeout.
    public var lateAcknowledgementShare = 0.10
    /// Share of dispatches where the guard reaches the scene after the 5-minute target.
    public var lateArrivalShare = 0.10
    /// Share of dispatches the guard declines (busy with something else).
    public var declineShare = 0.02
    /// Chance, per scan, that a guard then pauses long enough to show as silent.
    public var pauseChance = 0.004
    /// Chance, per hazard candidate, that a camera, a tenant's call or a patrol reports
    /// a hazard of that category already open (reported in the last quarter hour)
    /// again: the report joins it (one hazard per problem).
    public var secondReportChance = 0.15

    public init() {}

    public static let standard = SimulatorConfig()

    /// For a console being watched: hazards about ten times as often, some at once,
    /// guards on duty within the first minute, bulletins every half hour or so.
    public static let lively: SimulatorConfig = {
        var c = SimulatorConfig()
        c.hazardRate = 10
        c.openingHazards = 3
        c.onDutyStagger = 0...45
        c.bulletinInterval = 900...3_000
        return c
    }()
}
