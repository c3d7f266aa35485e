/// The fund figures an event can move (see `FundFigures`). Which way each moves the unspent
/// balance of its source is a fact of the figure, not of the event.
public enum FundFigure: String, CaseIterable, Hashable, Sendable {
    /// Approved at the start of the year: part of 年初预算数.
    case approved
    /// Carried in from a project of an earlier year: the rest of 年初预算数.
    case carriedIn
    /// Adjusted during the year (signed): with the two above and refunds, 全年预算数.
    case adjusted
    /// Given back to the treasury (交回财政).
    case refunded
    /// Paid out: 全年执行数.
    case executed
    /// Carried on to a project of a later year (结转).
    case carriedOut

    /// +1 when the figure adds to the unspent balance, −1 when it draws on it.
    public var balanceSign: Int64 {
        switch self {
        case .approved, .carriedIn, .adjusted: return 1
        case .refunded, .executed, .carriedOut: return -1
        }
    }
}

/// One change of one fund figure of one project.
public struct Movement: Equatable, Sendable {
    public let project: String
    public let source: FundSource
    public let figure: FundFigure
    /// Added to the figure: negative for a cut, and for every movement a reversal undoes.
    public let fen: Int64

    public init(project: String, source: FundSource, figure: FundFigure, fen: Int64) {
        self.project = project; self.source = source; self.figure = figure; self.fen = fen
    }

    /// How the movement changes the source's unspent balance.
    public var balanceFen: Int64 { figure.balanceSign * fen }

    /// The same movement undone.
    public var undone: Movement { Movement(project: project, source: source, figure: figure, fen: -fen) }
}

/// The movements of one event, held inline: no event moves more than `countMax` figures (a
/// carry-over moves the sender's and the receiver's), so a fold of a million payments makes no
/// array for them.
public struct Movements: Sequence, Equatable, Sendable {
    public static let countMax = 2

    private let first: Movement?
    private let second: Movement?

    public init() { first = nil; second = nil }

    public init(_ first: Movement, _ second: Movement? = nil) {
        self.first = first
        self.second = second
    }

    public var isEmpty: Bool { first == nil }
    public var count: Int { first == nil ? 0 : second == nil ? 1 : 2 }
    /// The event's own movement: the first, recorded against the event's project.
    public var primary: Movement? { first }

    /// For a carry-over (or its reversal): the money leaving the sender and arriving at the receiver.
    public var carryOver: (out: Movement, into: Movement)? {
        guard let first, let second else { return nil }
        if first.figure == .carriedOut && second.figure == .carriedIn { return (first, second) }
        if first.figure == .carriedIn && second.figure == .carriedOut { return (second, first) }
        return nil
    }

    /// Every movement undone, as a reversal moves them.
    public var undone: Movements {
        guard let first else { return Movements() }
        return Movements(first.undone, second?.undone)
    }

    public func makeIterator() -> Iterator { Iterator(movements: self) }

    /// Walks the two slots without making an array: a fold of a million payments calls this
    /// a million times.
    public struct Iterator: IteratorProtocol {
        let movements: Movements
        var position = 0

        public mutating func next() -> Movement? {
            defer { position += 1 }
            switch position {
            case 0: return movements.first
            case 1: return movements.second
            default: return nil
            }
        }
    }
}
