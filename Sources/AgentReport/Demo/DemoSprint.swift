/// The sprint the board belongs to.
struct DemoSprint {
    /// 1, 2, … (`SPRINT-001`).
    var number: Int
    /// The sprint's display name.
    var name: String
    /// First and last second of the sprint.
    var start: Int64
    var end: Int64

    /// `SPRINT-001`.
    var id: String { "SPRINT-" + String(repeating: "0", count: max(0, 3 - String(number).count)) + String(number) }
}
