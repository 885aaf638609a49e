/// The 12 categories of the guards' regular training, as the district's
/// programme names them (workplace safety, dispute mediation, and the others).
/// A guard's training is recorded at enrolment (`GuardEnrolled.training`); the
/// programme counts the guards trained in each category against these twelve.
public enum TrainingCategories {
    public static let all: [String] = [
        "workplace-safety", "dispute-mediation", "fire-fighting", "first-aid", "evacuation", "traffic-guidance",
        "flood-response", "patrol-duty", "cctv-operation", "law-and-regulation", "counter-terrorism", "anti-fraud",
    ]
}
