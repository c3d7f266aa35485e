import BudgetModel

/// The book's projects, each with its facts, where `ProjectPositions` says they lie: by id, or,
/// for a payment read as its figures, by the number the read gave its project.
struct ProjectTable: Sendable {
    /// In the order registered; a slot emptied by a caller (none does) stays empty rather than
    /// move the others.
    private var facts: [LedgerBook.ProjectFacts?] = []
    private var table = ProjectPositions()

    var ids: [String] { table.ids }

    subscript(project: String) -> LedgerBook.ProjectFacts? {
        get { table.position(of: project).flatMap { facts[$0] } }
        _modify {
            if let position = table.position(of: project) {
                // Changed where it lies: a copy would copy its timelines on the first change.
                yield &facts[position]
                if facts[position] == nil { table.remove(project) }
            } else {
                var added: LedgerBook.ProjectFacts?
                yield &added
                if let added {
                    _ = table.add(project)
                    facts.append(added)
                }
            }
        }
    }

    /// Where `project`'s facts are, looked up by `number` (a read's project number, or -1) first.
    mutating func position(of project: String, number: Int) -> Int? { table.position(of: project, number: number) }

    /// Where `project`'s facts are, at `hint` (a position found for it before) when they still are.
    func position(of project: String, hint: Int) -> Int? { table.position(of: project, hint: hint) }

    /// The facts at `position` (from `position(of:number:)`), changed where they lie.
    subscript(position position: Int) -> LedgerBook.ProjectFacts {
        get { facts[position]! }
        _modify { yield &facts[position]! }
    }
}
