/// The events of a journal that break a rule of the ledger though their lines are intact: the
/// first few, and how many in all. A journal that holds one is never bricked: reading commands
/// print their figures with a warning naming the first, `verify` and `check` fail naming it, and
/// writes go on (for the affected project, a reversal or a budget that restores the balance).
public struct Violations: Equatable, Sendable {
    public static let shownMax = 20

    public private(set) var first: [Rejection] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    mutating func add(_ violation: Rejection) {
        count += 1
        if first.count < Self.shownMax { first.append(violation) }
    }

    /// The first violation, and how many more there are, in a line.
    public var summary: String? {
        guard let head = first.first else { return nil }
        return head.message + (count > 1 ? " (and \(count - 1) more problem\(count == 2 ? "" : "s"); `budget verify` names them)" : "")
    }
}
