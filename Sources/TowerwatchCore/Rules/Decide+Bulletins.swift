// MARK: - Alliance bulletins

extension Decider {
    /// Officers and alliance feeds issue bulletins, to every tower or to one.
    func issueBulletin(from: String, text: String, tower: TowerID?) throws -> [Event] {
        if case .guard = actor { throw Rejection("guards read bulletins; officers and alliance feeds issue them") }
        try requireText(text, "bulletin text")
        if let tower { _ = try requireTower(tower) }
        return [.bulletinIssued(bulletin: BulletinID("B-" + zeroPadded(state.bulletinCount + 1, 5)), from: from, text: text, tower: tower)]
    }
}
