extension DistrictState {
    /// The tenants of a tower, as a report form offers them: by floor from the
    /// lowest, then by id. A form's tenant choice cycles through these.
    public func tenants(in tower: TowerID) -> [Tenant] {
        tenants.values.filter { $0.tower == tower }.sorted { a, b in
            let la = Tower.level(of: a.floor) ?? .max, lb = Tower.level(of: b.floor) ?? .max
            return la != lb ? la < lb : a.id < b.id
        }
    }

    /// A tenant as a form shows it: name, floor and id.
    public func tenantLabel(_ id: TenantID?) -> String {
        guard let id else { return "none" }
        guard let t = tenants[id] else { return id.raw }
        return "\(t.name) (\(Tower.floorLabel(t.floor)), \(t.id))"
    }
}

/// The tenant after `current` among `tenants`, "none" (nil) included as the
/// first choice: `delta` 1 steps forward, -1 back, wrapping.
public func steppedTenant(_ current: TenantID?, among tenants: [Tenant], by delta: Int) -> TenantID? {
    let choices: [TenantID?] = [nil] + tenants.map(\.id)
    let i = choices.firstIndex(of: current) ?? 0
    let n = choices.count
    return choices[((i + delta) % n + n) % n]
}
