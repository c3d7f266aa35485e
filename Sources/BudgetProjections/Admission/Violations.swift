import BudgetText

/// The events of a journal that break a rule of the ledger though their lines are intact: the
/// first few, and how many in all. A journal that holds one is never bricked: reading commands
/// print their figures with a warning naming the first, `verify` and `check` fail naming it, and
/// writes go on (for the affected project, a reversal or a budget that restores the balance).
public struct Violations: Equatable, Sendable {
    public static let shownMax = 20

    public private(set) var first: [Rejection] = []
    public private(set) var count = 0
    /// The projects whose events the violations concern: a checkpoint keeps them as suspects,
    /// which every later reader of part of the journal checks again (see `CheckpointImage.suspects`).
    public private(set) var projects: Set<String> = []

    public init() {}

    public var isEmpty: Bool { count == 0 }

    mutating func add(_ violation: Rejection, concerning projects: [String]) {
        count += 1
        if first.count < Self.shownMax { first.append(violation) }
        self.projects.formUnion(projects)
    }

    /// The first violation, and how many more there are, in a line.
    public var summary: Message? {
        guard let head = first.first else { return nil }
        return head.reason + (count > 1 ? Message(.andMoreProblemBudgetVerify, count - 1, count == 2 ? "" : "s") : "")
    }
}
