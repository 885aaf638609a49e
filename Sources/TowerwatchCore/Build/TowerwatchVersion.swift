/// The version of this build of towerwatch, said in one place: `towerwatch
/// --version` prints it, `log dump` names it in its header line, and the text
/// report's footer carries it, so a report names the build that made it.
///
/// Raise it when a release is cut; nothing else spells the number.
public enum TowerwatchVersion {
    public static let number = "0.9.0"
    /// `towerwatch 0.9.0`, as a footer or a header says it.
    public static var text: String { "towerwatch \(number)" }
}
