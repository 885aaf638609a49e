// MARK: - Alliance bulletins

extension DistrictState {
    /// Keeps the last `bulletinsKept` bulletins; the count goes on for ids.
    @inline(__always)
    mutating func foldBulletinIssued(_ bulletin: BulletinID, from: String, text: String, tower: TowerID?, _ record: EventRecord) -> String? {
        if bulletins.count >= DistrictState.bulletinsKept { bulletins.removeFirst() }
        bulletins.append(Bulletin(id: bulletin, from: from, text: text, tower: tower, at: record.time))
        bulletinCount += 1
        return nil
    }
}
