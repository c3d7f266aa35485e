import BudgetModel
import BudgetJournal
import Foundation

/// A year of events over `projects` projects, mostly payments, valid by construction: each
/// project's budget is approved on 1 January and is far larger than what it pays, so every
/// payment passes admission whatever its date.
struct JournalGenerator {
    let options: Options
    var random: UInt64
    var seq: Int64 = 0
    var prev = SHA256Digest.zero
    var journalOut: BufferedFile
    var ledgerOut: BufferedFile?

    init(options: Options) throws {
        self.options = options
        random = options.seed
        journalOut = try BufferedFile(path: options.journal)
        ledgerOut = try options.ledger.map(BufferedFile.init(path:))
    }

    mutating func next(_ bound: Int) -> Int {
        random &+= 0x9E37_79B9_7F4A_7C15
        var z = random
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    func project(_ index: Int) -> String { "proj-\(index < 10 ? "0" : "")\(index)" }

    mutating func run() throws {
        let sources: [FundSource] = [.current, .other]
        // Per project: registration, two approvals, an adjustment, ten indicators with actual and
        // score, a refund; with --lean, the registration and one approval only (many projects).
        let setup = options.projects * (options.lean ? 2 : 1 + 2 + 1 + 10 * 3 + 1)
        let payments = max(0, options.count - setup)
        for index in 0..<options.projects where seq < Int64(options.count) {
            let id = project(index)
            emit("2023-01-01", .projectRegistered(ProjectRegistration(project: id, name: "项目\(index)", department: "财政厅", unit: "单位\(index % 7)", year: 2023)))
            if options.lean {
                emit("2023-01-01", .budgetApproved(BudgetApproval(project: id, source: .current, amount: Money(fen: 50_000_000_000))))
                continue
            }
            for source in sources {
                emit("2023-01-01", .budgetApproved(BudgetApproval(project: id, source: source, amount: Money(fen: 50_000_000_000))))
                ledger("2023-01-01", "年初预算", "Budget:\(id):\(source)", "Treasury:\(id):\(source)", 50_000_000_000)
            }
            emit("2023-06-30", .budgetAdjusted(BudgetAdjustment(project: id, source: .current, amount: Money(fen: -1_000_000_00), reason: "年中调整")))
            ledger("2023-06-30", "预算调整", "Treasury:\(id):current", "Budget:\(id):current", 1_000_000_00)
            for indicator in 0..<10 {
                let key = "ind-\(indicator)"
                let level: IndicatorLevel = indicator < 6 ? .output : (indicator < 9 ? .benefit : .satisfaction)
                emit("2023-01-01", .indicatorDefined(IndicatorDefinition(project: id, indicator: key, level1: level, level2: "数量指标", name: "指标\(indicator)", target: "≥\(indicator + 1)00本", weight: Points(hundredths: 9_00))))
                emit("2023-12-31", .indicatorActualRecorded(IndicatorActual(project: id, indicator: key, value: "\(indicator + 1)00本")))
                emit("2023-12-31", .indicatorScored(IndicatorScore(project: id, indicator: key, score: Points(hundredths: 9_00 - Int64(indicator % 3) * 50))))
            }
        }
        for payment in 0..<payments {
            let id = project(next(options.projects))
            let source = options.lean ? .current : sources[payment % 7 == 0 ? 1 : 0]
            let fen = Int64(1_00 + next(500_000))   // up to 5,000 yuan: a year of them stays far inside the budget
            let day = 1 + payment * 364 / max(payments, 1)
            let date = Self.date(dayOfYear: day)
            emit(date, .disbursed(Disbursement(project: id, source: source, amount: Money(fen: fen), payee: "供应商\(next(500))", memo: nil)))
            ledger(date, "供应商", "Expenses:\(id):\(source)", "Budget:\(id):\(source)", fen)
        }
        for index in 0..<options.projects where seq < Int64(options.count) && !options.lean {
            emit("2023-12-31", .refunded(TreasuryRefund(project: project(index), source: .other, amount: Money(fen: 1_000_00), reason: "交回")))
            ledger("2023-12-31", "交回财政", "Treasury:\(project(index)):other", "Budget:\(project(index)):other", 1_000_00)
        }
        try journalOut.close()
        try ledgerOut?.close()
    }

    static func date(dayOfYear: Int) -> String {
        var remaining = dayOfYear
        for month in 1...12 {
            let days = BusinessDate.daysIn(month: month, year: 2023)
            if remaining <= days { return BusinessDate(year: 2023, month: month, day: remaining)!.text }
            remaining -= days
        }
        return "2023-12-31"
    }

    mutating func emit(_ date: String, _ body: EventBody) {
        guard seq < Int64(options.count) else { return }
        seq += 1
        // With --ids every payment carries a client id, as an import's or a retried `pay --id` does.
        let isPayment = if case .disbursed = body { true } else { false }
        let id = options.ids && isPayment ? "pay-\(seq)" : "@\(seq)"
        let event = Event(seq: seq, id: id, date: BusinessDate(date)!, recorded: "2024-01-15T09:00:00Z", body: body)
        let line = EventEncoder.line(for: event, prev: prev)
        prev = line.hash
        journalOut.write(line.text)
        journalOut.write("\n")
    }

    mutating func ledger(_ date: String, _ payee: String, _ to: String, _ from: String, _ fen: Int64) {
        guard ledgerOut != nil else { return }
        let amount = Money(fen: fen).yuanText
        ledgerOut!.write("\(date) \(payee)\n    \(to)  \(amount) CNY\n    \(from)\n\n")
    }
}

/// Appends text to a file through a 1 MiB buffer.
struct BufferedFile {
    let handle: FileHandle
    var buffer: [UInt8] = []

    struct CannotCreate: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot create \(path)" }
    }

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CannotCreate(path: path)
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        flush()
        try handle.synchronize()
        try handle.close()
    }
}
