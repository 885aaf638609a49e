import TowerwatchCore

/// What kind of trouble the district has, when, and how it ends: the rates by
/// time of day and the words guards and officers write.
enum HazardScenarios {
    // MARK: - Rates

    /// Expected hazards of a category per hour, district-wide, at a moment of the day.
    ///
    /// Fire-safety hazards come with renovation hours; e-bikes crowd the sidewalk at the
    /// 11:30-13:30 lunch peak, and evening crowds at weekends (the district is a food
    /// destination); plate cameras flag parking mostly by day; the face cameras matter
    /// most at night; fire alarms and floods are occasional, crime rare.
    static func hourlyRate(_ c: HazardCategory, minute m: Int, weekend: Bool) -> Double {
        let day = (7 * 60..<22 * 60).contains(m)
        let lunch = (11 * 60 + 30..<13 * 60 + 30).contains(m)
        let evening = (17 * 60 + 30..<21 * 60).contains(m)
        switch c {
        case .fireSafety: return (8 * 60..<21 * 60).contains(m) ? 0.16 : 0.02
        case .traffic:
            if lunch { return 1.5 }
            if evening { return weekend ? 0.8 : 0.25 }
            return day ? 0.04 : 0
        case .parking: return day ? 0.34 : 0.1
        case .dispute:
            if lunch || evening { return weekend ? 0.3 : 0.2 }
            return day ? 0.06 : 0.02
        case .fireAlarm: return day ? 0.015 : 0.008
        case .flood: return 0.0035
        case .suspiciousPerson: return (m >= 22 * 60 || m < 6 * 60) ? 0.06 : 0.025
        case .crime: return 0.0012
        }
    }

    /// The highest hourly rate a category ever has: the rate candidates are drawn at.
    static func peakRate(_ c: HazardCategory) -> Double {
        var peak = 0.0
        for m in stride(from: 0, to: 1440, by: 30) {
            peak = max(peak, hourlyRate(c, minute: m, weekend: true), hourlyRate(c, minute: m, weekend: false))
        }
        return peak
    }

    // MARK: - Where and what

    /// Whether a guard on patrol finds it (otherwise a camera, a tenant's call or the fire panel).
    static func foundOnPatrol(_ c: HazardCategory, rng: inout DemoRandom) -> Bool {
        switch c {
        case .fireSafety, .traffic: return true
        case .dispute: return rng.chance(0.4)
        case .flood: return rng.chance(0.5)
        case .crime: return rng.chance(0.3)
        case .parking, .suspiciousPerson, .fireAlarm: return false
        }
    }

    static func plate(_ rng: inout DemoRandom) -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
        var s = "浙" + String(rng.pick(Array("AAAABCH"))) + "·"
        for _ in 0..<5 { s.append(rng.pick(letters)) }
        return s
    }

    static func note(_ c: HazardCategory, floor: String, zone: String, tenant: String?, newcomer: Bool,
                     evening: Bool, rng: inout DemoRandom) -> String {
        switch c {
        case .fireSafety:
            if let tenant, newcomer { return "renovation waste piled beside the escape route by the newly arrived \(tenant)" }
            if let tenant {
                return rng.pick([
                    "renovation waste piled beside the escape route by \(tenant)",
                    "cartons and packaging stacked in the escape route outside \(tenant)",
                    "fire door on \(floor)F propped open with a wedge by \(tenant)",
                ])
            }
            return rng.pick([
                "fire door propped open with a wedge",
                "extinguisher missing from its cabinet on \(floor)F",
                "e-bike battery charging in the stairwell on \(floor)F",
                "escape-route sign light out on \(floor)F",
                "furniture left in the escape route after a move",
            ])
        case .traffic:
            if evening { return rng.pick(["sudden crowd at the food street entrance: traffic guidance needed",
                                          "queue for the restaurants spilling onto the car access"]) }
            return rng.pick(["lunch peak: dozens of delivery e-bikes on the sidewalk, car access blocked",
                             "delivery riders parking on the fire lane outside the lobby",
                             "e-bikes blocking the garage ramp at the lunch peak"])
        case .parking:
            let p = plate(&rng)
            return rng.pick(["plate camera: \(p) parked in the fire lane at \(floor)",
                             "plate camera: \(p) blocking the ramp between B1 and B2",
                             "plate camera: \(p) overstayed 6 h in a visitor bay on \(floor)",
                             "plate camera: \(p) flagged by the safety brain (unpaid fines)"])
        case .dispute:
            if let tenant { return rng.pick(["customer dispute over the bill at \(tenant)",
                                             "\(tenant) and its renovation contractor arguing over noise"]) }
            return rng.pick(["delivery rider and customer arguing over a late order",
                             "two drivers arguing over a parking space",
                             "visitor refused entry arguing with the front desk",
                             "neighbouring tenants arguing over a blocked loading bay"])
        case .fireAlarm:
            return zone == StandardZone.garage ? "fire panel: heat detector alarm in the garage at \(floor)"
                : rng.pick(["fire panel: smoke detector alarm on \(floor)F", "fire panel: manual call point pressed on \(floor)F"])
        case .flood:
            return zone == StandardZone.garage ? rng.pick(["water pouring down the ramp into \(floor) after heavy rain",
                                                           "drain backing up in the garage at \(floor)"])
                : "burst pipe: water in the escape route on \(floor)F"
        case .suspiciousPerson:
            return rng.pick(["face camera: person on the watch list entered at \(floor)",
                             "face camera: same person seen at four garage cameras, trying car doors",
                             "face camera: unknown person loitering in the stairwell on \(floor)F"])
        case .crime:
            if let tenant { return rng.pick(["theft reported: laptop stolen from \(tenant)",
                                             "fraud victim at \(tenant): scammers' courier expected at the lobby"]) }
            return rng.pick(["e-bike battery stolen in the e-bike zone", "assault during an argument in the lobby"])
        }
    }

    /// Floor and zone of a hazard in a tower, and whether it involves one of the tower's tenants.
    static func place(_ c: HazardCategory, tower: Tower, tenants: [Tenant], rng: inout DemoRandom)
        -> (floor: String, zone: String, tenant: Tenant?) {
        func garageLevel() -> String { tower.floorsBelow >= 2 && rng.chance(0.45) ? "B2" : "B1" }
        func anyFloor() -> String { "\(rng.int(1...max(1, tower.floorsAbove)))" }
        switch c {
        case .fireSafety:
            if !tenants.isEmpty, rng.chance(0.6) {
                let restaurants = tenants.filter { $0.kind == "restaurant" }
                let t = !restaurants.isEmpty && rng.chance(0.5) ? rng.pick(restaurants) : rng.pick(tenants)
                return (t.floor, StandardZone.escapeRoute, t)
            }
            return rng.chance(0.2) ? ("1", StandardZone.loadingDock, nil) : (anyFloor(), StandardZone.escapeRoute, nil)
        case .traffic:
            return ("1", StandardZone.eBikeZone, nil)
        case .parking:
            return (garageLevel(), StandardZone.garage, nil)
        case .dispute:
            let roll = rng.unit()
            let shops = tenants.filter { $0.kind == "restaurant" || $0.kind == "retail" }
            if roll < 0.2, !shops.isEmpty {
                let t = rng.pick(shops)
                return (t.floor, StandardZone.escapeRoute, t)
            }
            if roll < 0.55 { return ("1", StandardZone.lobby, nil) }
            if roll < 0.8 { return ("1", StandardZone.loadingDock, nil) }
            return ("B1", StandardZone.garage, nil)
        case .fireAlarm:
            return rng.chance(0.2) ? (garageLevel(), StandardZone.garage, nil) : (anyFloor(), StandardZone.escapeRoute, nil)
        case .flood:
            return rng.chance(0.65) ? ("B2", StandardZone.garage, nil) : (anyFloor(), StandardZone.escapeRoute, nil)
        case .suspiciousPerson:
            let roll = rng.unit()
            if roll < 0.4 { return ("1", StandardZone.lobby, nil) }
            if roll < 0.75 { return (garageLevel(), StandardZone.garage, nil) }
            return (anyFloor(), StandardZone.escapeRoute, nil)
        case .crime:
            if !tenants.isEmpty, rng.chance(0.5) { let t = rng.pick(tenants); return (t.floor, StandardZone.escapeRoute, t) }
            return rng.chance(0.5) ? ("1", StandardZone.eBikeZone, nil) : ("1", StandardZone.lobby, nil)
        }
    }

    // MARK: - How it ends

    /// How long a guard works on scene before clearing, in seconds.
    static func workSeconds(_ c: HazardCategory) -> ClosedRange<Int> {
        switch c {
        case .traffic: return 300...1_200
        case .parking: return 180...900
        case .dispute: return 420...1_500
        case .fireSafety: return 600...1_800
        case .fireAlarm: return 300...1_200
        case .flood: return 1_500...4_200
        case .suspiciousPerson: return 240...1_200
        case .crime: return 1_200...3_600
        }
    }

    static func clearNote(_ c: HazardCategory, rng: inout DemoRandom) -> String {
        switch c {
        case .fireSafety: return rng.pick(["captain called the contractor; waste removed, escape route clear",
                                           "tenant moved the cartons; escape route clear, photo taken",
                                           "fire door closed and the wedge removed; tenant reminded of the rules",
                                           "extinguisher replaced from the store; cabinet sealed",
                                           "e-bike battery removed from the stairwell; owner warned"])
        case .traffic: return rng.pick(["riders steered to the e-bike zone; sidewalk and car access clear",
                                        "cones and signs set up; crowd guided, traffic flowing"])
        case .parking: return rng.pick(["driver found; vehicle moved out of the fire lane",
                                        "driver not found: notice posted, property company arranged towing",
                                        "vehicle moved to a paid bay; plate reported to the safety brain"])
        case .dispute: return rng.pick(["mediated on the spot; both parties satisfied",
                                        "restaurant refunded the order; rider and customer reconciled",
                                        "drivers agreed; cars moved, details recorded"])
        case .fireAlarm: return rng.pick(["false alarm: cooking smoke; detector reset",
                                          "false alarm: dust from renovation; detector reset, contractor warned",
                                          "small fire in a waste bin put out with an extinguisher; area ventilated"])
        case .flood: return rng.pick(["barriers up and pumps running; water cleared, area cordoned for cleaning",
                                      "valve closed; engineers repairing the pipe, floor dried"])
        case .suspiciousPerson: return rng.pick(["person identified as a courier; escorted to reception",
                                                 "person left the building; description passed to every guard",
                                                 "person held at the lobby and handed to the police room"])
        case .crime: return rng.pick(["police took over the scene; statements and camera footage handed over",
                                      "suspect held and handed to the police"])
        }
    }

    static func closeNote(_ c: HazardCategory) -> String {
        switch c {
        case .fireSafety: return "rectified and checked: escape route clear"
        case .traffic: return "peak over; sidewalk clear"
        case .parking: return "fire lane and ramps clear"
        case .dispute: return "resolved on the spot"
        case .fireAlarm: return "alarm reset; floor checked"
        case .flood: return "water cleared; engineers informed"
        case .suspiciousPerson: return "no further concern; camera clip kept"
        case .crime: return "handed over to the police"
        }
    }

    static let declineReasons = [
        "already handling a tenant's medical emergency on another floor",
        "radio battery flat: please send someone else",
        "escorting a cash delivery until it leaves the bank",
    ]

    /// Where the officer passes a hazard on, how long after the report, and why.
    static func escalation(_ c: HazardCategory, hasTenant: Bool, rng: inout DemoRandom)
        -> (target: EscalationTarget, after: Span, note: String)? {
        switch c {
        case .fireAlarm where rng.chance(0.15):
            return (.fireService, rng.seconds(60...240), "smoke confirmed on the floor; 119 called, evacuation started")
        case .crime:
            return (.police, rng.seconds(30...180), "110 called; police room on the way")
        case .suspiciousPerson where rng.chance(0.25):
            return (.police, rng.seconds(120...480), "watch-list match confirmed; police room informed")
        case .fireSafety where hasTenant && rng.chance(0.5):
            return (.captain, rng.seconds(300...900), "tenant cannot clear it; captain calling the contractor")
        case .fireSafety where rng.chance(0.1):
            return (.propertyCompany, rng.seconds(600...1_200), "needs the property company's engineers")
        case .flood where rng.chance(0.6):
            return (.propertyCompany, rng.seconds(300...900), "engineers and pumps needed")
        case .dispute where rng.chance(0.08):
            return (.police, rng.seconds(240...600), "threat of violence; police room called")
        case .parking where rng.chance(0.05):
            return (.propertyCompany, rng.seconds(600...1_200), "driver not found; towing requested")
        default:
            return nil
        }
    }

    // MARK: - Alliance bulletins

    static func bulletin(tower: (id: TowerID, name: String)?, rng: inout DemoRandom) -> (from: String, text: String, tower: TowerID?) {
        if let tower, rng.chance(0.3) {
            return rng.pick([
                ("消防救援站 Fire station", "escape-route inspection in \(tower.name) this week: keep every route clear", tower.id),
                ("金融城社区工作站 Community workstation", "lost child reunited with the parents at the \(tower.name) lobby: thanks to the guards", tower.id),
                ("城东派出所 Police room", "phone-scam courier arrested near \(tower.name): remind tenants never to hand over cash", tower.id),
            ])
        }
        return rng.pick([
            ("城东派出所 Police room", "anti-fraud alert: fake 'tax refund' calls targeting office staff this week", nil),
            ("城东派出所 Police room", "wanted vehicle \(plate(&rng)) seen in the district: report sightings, do not approach", nil),
            ("区安全大脑 Safety brain", "heavy rain warning from 16:00: check garage drains and flood barriers", nil),
            ("区安全大脑 Safety brain", "face-recognition coverage of key areas back to 100% after camera maintenance", nil),
            ("交警中队 Traffic police", "e-bike checks on 富春路 at today's lunch peak, 11:30-13:30", nil),
            ("金融城社区工作站 Community workstation", "free first-aid refresher for guards on Thursday 15:00 at the workstation", nil),
            ("金融城社区工作站 Community workstation", "holiday crowds expected at the food street this weekend: traffic guidance kits ready", nil),
            ("消防救援站 Fire station", "drill season: each tower's monthly safety drill is due before the 25th", nil),
        ])
    }
}
