/// Where each project's record lies in a table its owner keeps as an array, in the order first
/// met: found by id, or, for a payment read as its figures, by the number the read gave its
/// project (`PaymentFigures.projectNumber`), which saves hashing the id for each of a million
/// payments. The number only points where to look: the id found there is compared, so a number
/// from another read, or none (-1), costs a search and nothing else.
public struct ProjectPositions: Sendable {
    private var positions: [String: Int] = [:]
    /// The id at each position; "" where one was removed (no id is empty), so that neither its id
    /// nor its number leads there again.
    private var idAt: [String] = []
    /// The position found for each project number of the current read; -1 where none yet.
    private var positionByNumber: [Int] = []

    /// Numbers past this are searched by id each time: a read numbers only the projects it meets.
    public static let numbersKeptMax = 1 << 20

    public init() {}

    /// The ids with a position, in the order first met.
    public var ids: [String] { idAt.filter { !$0.isEmpty } }

    public func position(of id: String) -> Int? { positions[id] }

    /// Where `id` lies: at `hint` (a position found for it before, or -1) when that slot still
    /// holds it, else looked up.
    public func position(of id: String, hint: Int) -> Int? {
        if hint >= 0 && hint < idAt.count && idAt[hint] == id { return hint }
        return positions[id]
    }

    /// Where `id` lies, looked up by `number` (a read's project number, or -1) first.
    public mutating func position(of id: String, number: Int) -> Int? {
        if number >= 0 && number < positionByNumber.count {
            let position = positionByNumber[number]
            if position >= 0, idAt[position] == id { return position }
        }
        guard let position = positions[id] else { return nil }
        if number >= 0 && number < Self.numbersKeptMax {
            if number >= positionByNumber.count { positionByNumber += repeatElement(-1, count: number + 1 - positionByNumber.count) }
            positionByNumber[number] = position
        }
        return position
    }

    /// The next position, for `id`, which has none: the owner appends its record there.
    public mutating func add(_ id: String) -> Int {
        precondition(positions[id] == nil && !id.isEmpty, "a project is added once, by its id")
        positions[id] = idAt.count
        idAt.append(id)
        return idAt.count - 1
    }

    /// Forgets `id`'s position; its slot in the owner's array stays, empty, so no other moves.
    public mutating func remove(_ id: String) {
        guard let position = positions.removeValue(forKey: id) else { return }
        idAt[position] = ""
    }
}
