// MARK: - District settings

extension Decider {
    /// An officer (or the system, setting up a district) names the zone the district's
    /// clocks read in. The core cannot ask which zones exist: it takes a name in the
    /// zone database's form (`Asia/Shanghai`, `UTC`, `Etc/GMT-8`), and the command line
    /// checks the machine knows it before asking.
    func setTimeZone(_ zone: String) throws -> [Event] {
        try requireOfficerOrSystem("set the district's time zone")
        guard Decider.isZoneName(zone) else {
            throw Rejection("'\(zone)' is not a time zone name; use one like Asia/Shanghai or UTC")
        }
        guard state.timeZone != zone else { throw Rejection("the district's clocks already read \(zone)") }
        return [.districtTimeZoneSet(zone: zone)]
    }

    /// A name as the zone database spells them: letters, digits, `/`, `_`, `+`, `-`, at most 64 bytes, no `..`.
    static func isZoneName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64, !name.contains(".."), name.first != "/", name.last != "/" else { return false }
        return name.unicodeScalars.allSatisfy { c in
            c.isASCII && (("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || "/_+-".unicodeScalars.contains(c))
        }
    }
}
