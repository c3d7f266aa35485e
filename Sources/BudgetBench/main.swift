// budget-bench: writes deterministic journals for Scripts/bench, through the ledger's own
// journal writer (EventEncoder), and the equivalent ledger-cli/hledger journal.
//
//   budget-bench generate N --journal PATH [--ledger PATH] [--projects 60] [--seed 2023] [--lean] [--ids]
//     (--lean: each project only registered and approved, for journals of very many projects;
//      --ids: every payment carries a client id, pay-SEQ)
//   budget-bench sha [LINES]   (SHA-256 throughput on each engine; 200,000 lines unless LINES)
//   budget-bench scan PATH     (reads and checks every line as verify does, folding nothing: the reader's own cost)
import BudgetModel
import BudgetJournal
import Foundation

struct Options {
    var count = 0
    var journal = ""
    var ledger: String?
    var projects = 60
    var seed: UInt64 = 2023
    var lean = false
    var ids = false
}

func parse(_ arguments: [String]) -> Options? {
    guard arguments.count >= 2, arguments[0] == "generate", let count = Int(arguments[1]), count > 0 else { return nil }
    var options = Options()
    options.count = count
    var index = 2
    while index < arguments.count {
        if arguments[index] == "--lean" { options.lean = true; index += 1; continue }
        if arguments[index] == "--ids" { options.ids = true; index += 1; continue }
        guard index + 1 < arguments.count else { return nil }
        let value = arguments[index + 1]
        switch arguments[index] {
        case "--journal": options.journal = value
        case "--ledger": options.ledger = value
        case "--projects": options.projects = Int(value) ?? 0
        case "--seed": options.seed = UInt64(value) ?? 0
        default: return nil
        }
        index += 2
    }
    return options.journal.isEmpty || options.projects < 1 || options.projects > 10_000_000 ? nil : options
}

if CommandLine.arguments.dropFirst().first == "sha" {
    let lines = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) }.map { min(max($0, 1), 10_000_000) } ?? 200_000
    print(HashSpeed.run(lines: lines), terminator: "")
    exit(0)
}

if CommandLine.arguments.dropFirst().first == "scan", let path = CommandLine.arguments.dropFirst(2).first {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { FileHandle.standardError.write(Data("budget-bench: cannot open \(path)\n".utf8)); exit(1) }
    struct Count: FigureFold {
        var events = 0, payments = 0
        mutating func take(_ event: Event, endingAt end: JournalPosition) { events += 1 }
        mutating func take(_ payment: PaymentFigures, endingAt end: JournalPosition) { payments += 1 }
    }
    var count = Count()
    do {
        let end = try JournalScanner.scanFigures(fd: fd, path: path, into: &count)
        print("\(count.payments) payments and \(count.events) other events, head \(end.end.head.seq)")
    } catch {
        FileHandle.standardError.write(Data("budget-bench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

guard let options = parse(Array(CommandLine.arguments.dropFirst())) else {
    FileHandle.standardError.write(Data("usage: budget-bench generate N --journal PATH [--ledger PATH] [--projects 60] [--seed 2023] [--lean]\n".utf8))
    exit(2)
}

do {
    var generator = try JournalGenerator(options: options)
    try generator.run()
} catch {
    FileHandle.standardError.write(Data("budget-bench: \(error)\n".utf8))
    exit(1)
}
