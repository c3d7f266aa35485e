/// The book's projects, each with its facts: found by id, or, for a payment read as its figures,
/// by the number the read gave its project (`PaymentFigures.projectNumber`), which saves hashing
/// the id for each of a million payments. The number only points where to look: the id found
/// there is compared, so a number from another read, or none, costs a search and nothing else.
struct ProjectTable: Sendable {
    /// In the order registered; a project is never removed, but a slot emptied by a caller
    /// (none does) would stay empty rather than move the others.
    private var facts: [LedgerBook.ProjectFacts?] = []
    /// The id at each position, apart: comparing the facts' own would copy them.
    private var idAt: [String] = []
    private var positions: [String: Int] = [:]
    /// The position found for each project number of the current read; -1 where none yet.
    private var positionByNumber: [Int] = []

    var ids: Dictionary<String, Int>.Keys { positions.keys }

    subscript(project: String) -> LedgerBook.ProjectFacts? {
        get { positions[project].flatMap { facts[$0] } }
        _modify {
            if let position = positions[project] {
                // Changed where it lies: a copy would copy its timelines on the first change.
                yield &facts[position]
                // Emptied (no caller does): no id or number may lead here again.
                if facts[position] == nil {
                    positions[project] = nil
                    idAt[position] = ""
                }
            } else {
                var added: LedgerBook.ProjectFacts?
                yield &added
                if let added {
                    positions[project] = facts.count
                    facts.append(added)
                    idAt.append(project)
                }
            }
        }
    }

    /// Where `project`'s facts are, looked up by `number` (a read's project number, or -1) first.
    mutating func position(of project: String, number: Int) -> Int? {
        if number >= 0 && number < positionByNumber.count {
            let position = positionByNumber[number]
            if position >= 0, idAt[position] == project { return position }
        }
        guard let position = positions[project] else { return nil }
        if number >= 0 && number < Self.numbersKeptMax {
            if number >= positionByNumber.count { positionByNumber += repeatElement(-1, count: number + 1 - positionByNumber.count) }
            positionByNumber[number] = position
        }
        return position
    }

    /// Numbers past this are searched by id each time: a read numbers only the projects it meets.
    static let numbersKeptMax = 1 << 20

    /// The facts at `position` (from `position(of:number:)`), changed where they lie.
    subscript(position position: Int) -> LedgerBook.ProjectFacts {
        get { facts[position]! }
        _modify { yield &facts[position]! }
    }
}
