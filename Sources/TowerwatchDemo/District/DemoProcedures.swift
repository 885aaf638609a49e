import TowerwatchCore

/// The district's emergency manual: for each kind of hazard, what a guard does, in order.
enum DemoProcedures {
    static func steps(for category: HazardCategory) -> [String] {
        switch category {
        case .fireAlarm:
            return [
                "Acknowledge the alarm on the console and read the detector's floor and zone",
                "Nearest guard goes to the detector with an extinguisher; a second guard covers the fire panel",
                "If smoke or fire is confirmed: call 119, escalate to the fire service, start evacuation of the floor",
                "Open escape routes, hold lifts at the ground floor, guide tenants down the stairs to the assembly point",
                "Meet the fire engine at the lobby and hand over the floor plan and the panel log",
                "If it is a false alarm: find the cause (cooking smoke, dust, steam), reset the detector, note it",
            ]
        case .flood:
            return [
                "Cut the power to the affected zone and keep people out of standing water",
                "Close the garage entrance gates and put up flood barriers and sandbags at the ramps",
                "Start the sump pumps and check the drains of B1 and B2",
                "Move vehicles from the lowest level if water keeps rising; call the property company's engineers",
                "Cordon the area, photograph the damage, and report when the water is cleared",
            ]
        case .fireSafety:
            return [
                "Photograph the hazard (blocked escape route, propped fire door, stored waste, broken extinguisher)",
                "Find the tenant or contractor responsible and ask for it to be cleared now",
                "If they cannot clear it, the captain calls the contractor or the property company",
                "Stay until the route is clear or the hazard is made safe; check again within half an hour",
                "Record the rectification with a photo and remind the tenant of the fire rules",
            ]
        case .parking:
            return [
                "Be on scene within 5 minutes of the plate-camera alert",
                "Check the plate against the safety brain's list and look for the driver",
                "Ask the driver to move the vehicle; keep fire lanes and ramps clear",
                "If the driver cannot be found, post a notice and call the property company to arrange towing",
                "Report the plate and the outcome",
            ]
        case .dispute:
            return [
                "Go to the scene and separate the parties calmly",
                "Listen to each side, keep onlookers back, switch on the body camera",
                "Mediate on the spot: a fair solution both sides accept",
                "If there is violence or a threat of it, call 110 and escalate to the police",
                "Record the names, the cause and the agreement",
            ]
        case .traffic:
            return [
                "Set up the traffic guidance equipment (cones, signs) at the sidewalk and car access",
                "Steer delivery riders to the marked e-bike zone",
                "Keep the sidewalk, the fire lane and the garage entrance clear",
                "For a sudden crowd, ask for a second guard and open the holiday guidance plan",
                "Stand down when the peak passes and put the equipment away",
            ]
        case .suspiciousPerson:
            return [
                "Check the face-camera match and the person's last seen camera",
                "Approach with a second guard, politely ask who they are visiting",
                "Escort visitors to reception; ask those without business to leave",
                "If the person is on a watch list or refuses and acts aggressively, escalate to the police and keep watch",
                "Record the description and the camera clip",
            ]
        case .crime:
            return [
                "Call 110 at once and escalate to the police",
                "Protect people first: keep the victim safe and give first aid if needed",
                "Keep the scene untouched and hold witnesses",
                "Watch the exits and pass the suspect's description to every guard and the face cameras",
                "Hand over to the police on arrival, with camera footage and the guards' notes",
            ]
        }
    }
}
