// MARK: - District settings

extension DistrictState {
    /// The district's clocks read in `zone` from this record on.
    @inline(__always)
    mutating func foldDistrictTimeZoneSet(_ zone: String) -> String? {
        guard !zone.isEmpty else { return "a time zone needs a name" }
        timeZone = zone
        return nil
    }
}
