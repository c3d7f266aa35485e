import XCTest
import Foundation
@testable import BudgetModel
import BudgetText
@testable import BudgetJournal
@testable import BudgetProjections
@testable import BudgetCLI
@testable import BudgetStore

final class CheckpointTests: XCTestCase {
    /// A journal with a little of everything: payments on many dates, a back-dated one, a
    /// reversal of a payment, a carry-over, indicators, keyed payments.
    static func journalEvents() -> [Event] {
        var entries: [(String, EventBody)] = [
            ("2022-01-01", Fixture.register("old", year: 2022)), ("2022-01-02", Fixture.approve("old", "5000")),
            ("2023-01-01", Fixture.register("p")), ("2023-01-01", Fixture.register("q")),
            ("2023-01-02", Fixture.approve("p", "100000")), ("2023-01-02", Fixture.approve("q", "50000", .other)),
            ("2022-12-31", .carriedOver(CarryOver(project: "old", source: .current, amount: Fixture.yuan("3000"), toProject: "p"))),
        ]
        var random = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let project = random.next(2) == 0 ? "p" : "q"
            let date = BusinessDate(year: 2023, month: random.next(12) + 1, day: random.next(27) + 2)!
            entries.append((date.text, Fixture.pay(project, "\(random.next(90) + 1).\(random.next(90) + 10)", project == "p" ? .current : .other)))
        }
        entries.append(("2023-12-20", .reversed(Reversal(targetSeq: 10, reason: "错", original: entries[9].1))))
        entries.append(("2023-06-01", Fixture.pay("p", "25", .carryover)))
        return Fixture.book(entries).events
    }

    /// `events` absorbed into a summary, as if each line were 300 bytes long.
    static func summary(of events: [Event], into summary: JournalSummary = JournalSummary()) -> JournalSummary {
        var summary = summary
        for event in events {
            summary.absorb(event, endingAt: JournalPosition(head: JournalHead(seq: event.seq, hash: SHA256.hash("\(event.seq)")), offset: event.seq * 300))
        }
        summary.settleKeyIndex()
        return summary
    }

    /// Reads the summary's lines back from `events` rather than from a file.
    static func condensed(_ summary: JournalSummary, of events: [Event], projects: Set<String>? = nil, asOf: BusinessDate? = nil) throws -> [CondensedItem] {
        let bySeq = Dictionary(uniqueKeysWithValues: events.map { ($0.seq, $0) })
        return try summary.condensed(projects: projects, asOf: asOf) { lines in lines.map { bySeq[$0.seq]! } }
    }

    func testACondensedJournalFoldsToTheSameFiguresAsOfEveryDate() throws {
        let events = Self.journalEvents()
        let summary = Self.summary(of: events)
        XCTAssertLessThan(try Self.condensed(summary, of: events).count, events.count)
        for month in 1...12 {
            for day in [1, 15, 28] {
                let date = BusinessDate(year: 2023, month: month, day: day)!
                let full = Replay.projection(of: events, to: ReplayPoint(asOf: date))
                XCTAssertEqual(full, projection(of: try Self.condensed(summary, of: events, asOf: date)), "as of \(date)")
                // One project's part alone gives that project's figures (the carry-over is in both parts).
                for project in ["old", "p", "q"] {
                    let alone = projection(of: try Self.condensed(summary, of: events, projects: [project], asOf: date))
                    XCTAssertEqual(alone.projects[project], full.projects[project], "\(project) as of \(date)")
                }
            }
        }
        XCTAssertEqual(Replay.projection(of: events), projection(of: try Self.condensed(summary, of: events)))
    }

    func testACheckpointRoundTripsAndADamagedOneIsRefused() throws {
        let summary = Self.summary(of: Self.journalEvents())
        let bytes = CheckpointFixture.encode(summary, suspects: ["q"])
        let decoded = try XCTUnwrap(CheckpointFixture.decode(bytes))
        XCTAssertEqual(try decoded.contents(), try summary.contents())
        XCTAssertEqual(decoded.suspects, ["q"])
        for offset in stride(from: 0, to: bytes.count, by: 97) {
            var damaged = bytes
            damaged[offset] ^= 0x04
            XCTAssertNil(CheckpointFixture.decode(damaged), "byte \(offset)")
        }
        XCTAssertNil(CheckpointFixture.decode(Array(bytes.dropLast(5))))
        // Another user's key (or a forger's guess) does not authenticate it.
        XCTAssertNil(CheckpointFixture.decode(bytes, key: CheckpointKey(bytes: [UInt8](repeating: 8, count: 32), owner: 4242)))
    }

    /// Many projects, many keys, many lines: a checkpoint of several pages of each kind.
    static func largeJournal(projects: Int, payments: Int, seed: UInt64) -> [Event] {
        var random = SplitMix64(seed: seed)
        var events: [Event] = []
        func add(_ date: String, _ body: EventBody, key: String? = nil) {
            let seq = Int64(events.count + 1)
            events.append(Event(seq: seq, id: key ?? "@\(seq)", date: Fixture.date(date), recorded: "r", body: body))
        }
        for index in 0..<projects {
            add("2023-01-01", Fixture.register("p\(index)"))
            add("2023-01-02", Fixture.approve("p\(index)", "100000"))
        }
        add("2023-01-03", .policySet(PolicySetting.standard))
        for payment in 0..<payments {
            let date = BusinessDate(year: 2023, month: random.next(12) + 1, day: random.next(28) + 1)!
            add(date.text, Fixture.pay("p\(random.next(projects))", "1.\(random.next(90) + 10)"), key: random.next(2) == 0 ? "k\(payment)" : nil)
        }
        return events
    }

    /// A checkpoint written over another (its untouched pages copied, the others merged with what
    /// came after) holds exactly what one written afresh from the whole journal holds, and finds
    /// every project and key.
    func testACheckpointWrittenOverAnotherHoldsWhatOneWrittenAfreshHolds() throws {
        let events = Self.largeJournal(projects: 3_000, payments: 12_000, seed: 5)
        var image = try XCTUnwrap(CheckpointFixture.image(CheckpointFixture.encode(Self.summary(of: Array(events.prefix(8_000))))))
        XCTAssertGreaterThan(image.partPages.count, 2)
        XCTAssertGreaterThan(image.keyPages.count, 0)
        // Three more checkpoints, each over the last, each absorbing a stretch of the journal.
        for stretch in [8_000..<8_010, 8_010..<13_000, 13_000..<events.count] {
            let next = Self.summary(of: Array(events[stretch]), into: JournalSummary(base: image))
            image = try XCTUnwrap(CheckpointFixture.image(CheckpointFixture.encode(next)))
            let fresh = Self.summary(of: Array(events[..<stretch.upperBound]))
            XCTAssertEqual(try JournalSummary(base: image).contents(), try fresh.contents(), "after \(stretch)")
        }
        let whole = JournalSummary(base: image)
        for project in ["p0", "p1234", "p2999"] {
            let part = try XCTUnwrap(whole.part(of: project))
            XCTAssertEqual(part.totals.reduce(0) { $0 + $1.count }, events.filter { $0.body.isPayment && $0.body.project == project }.count, project)
            XCTAssertEqual(part.events.count, 2, project)
        }
        XCTAssertNil(try whole.part(of: "p3000"))
        for event in events where !event.id.hasPrefix("@") {
            XCTAssertTrue(try whole.candidateSeqs(forKey: event.id).contains(event.seq), event.id)
        }
        XCTAssertEqual(try whole.candidateSeqs(forKey: "never-used"), [])
        for seq in [1, 1024, 1025, 2049, Int64(events.count)] {
            let start = try XCTUnwrap(whole.searchStart(for: seq))
            XCTAssertLessThanOrEqual(start.head.seq, seq - 1)
            XCTAssertGreaterThan(start.head.seq, seq - 1 - JournalSummary.seqsPerIndexEntry)
        }
    }

    /// A checkpoint whose authentication holds (a bug, since only the user's key makes one) but
    /// whose content could not have come from this ledger — an older version, pages out of place,
    /// lines past the head or out of order, parts out of order, a line index that does not cover
    /// the journal — is refused (and so rebuilt), never folded into a trap.
    func testAForgedCheckpointIsRefusedNotTrappedOn() throws {
        let summary = Self.summary(of: Self.largeJournal(projects: 800, payments: 600, seed: 9))
        let bytes = CheckpointFixture.encode(summary)
        XCTAssertEqual(try XCTUnwrap(CheckpointFixture.decode(CheckpointFixture.resealed(bytes))).contents(), try summary.contents(),
                       "resealing alone changes nothing")
        let head = summary.position.head.seq
        func lines(_ page: [UInt8]) -> [String] { String(decoding: page, as: UTF8.self).split(separator: "\n").map(String.init) }
        func joined(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }
        func onParts(_ edit: @escaping ([String]) -> [String]) -> [UInt8] {
            var done = false
            return CheckpointFixture.resealed(bytes, pages: { kind, page in
                guard kind == UInt8(ascii: "S"), !done else { return page }
                done = true
                return joined(edit(lines(page)))
            })
        }
        func swapped(_ lines: [String], _ a: Int, _ b: Int) -> [String] { var e = lines; e.swapAt(a, b); return e }
        let forgeries: [(String, [UInt8])] = [
            ("an older version", CheckpointFixture.resealed(bytes, table: { t in [t[0].replacingOccurrences(of: "budget-checkpoint 4", with: "budget-checkpoint 3")] + t.dropFirst() })),
            ("pages out of file order", CheckpointFixture.resealed(bytes, table: { t in swapped(t, 1, 2) })),
            ("no line index", CheckpointFixture.resealed(bytes, table: { t in t.filter { !$0.hasPrefix("P L ") } })),
            ("a page's first key changed", CheckpointFixture.resealed(bytes, table: { t in
                var e = t; let f = e[1].split(separator: " ").map(String.init); e[1] = "P S \(f[2]) \(f[3]) \(UInt64(f[4])! &+ 1) \(f[5])"; return e })),
            ("an event past the head", onParts { l in l.map { $0.hasPrefix("e\t") ? $0.replacingOccurrences(of: "e\t", with: "e\t\(head)") : $0 } }),
            ("totals out of order", onParts { l in
                let t = l.indices.filter { l[$0].hasPrefix("t\t") }
                return t.count > 1 ? swapped(l, t[0], t[1]) : ["x"] }),
            ("parts out of order", onParts { l in
                let p = l.indices.filter { l[$0].hasPrefix("p\t") }
                return Array(l[p[1]..<p[2]]) + Array(l[p[0]..<p[1]]) + Array(l[p[2]...]) }),
            ("a line that is not a record", onParts { l in l + ["z\t1"] }),
            ("a total with a field too many", onParts { l in l.map { $0.hasPrefix("t\t") ? $0 + "\t-" : $0 } }),
            ("a total with a field too few", onParts { l in l.map { $0.hasPrefix("t\t") ? String($0.dropLast(2)) : $0 } }),
            ("an event line with a field too many", onParts { l in l.map { $0.hasPrefix("e\t") ? $0 + "\t0" : $0 } }),
            ("a total whose date is not one", onParts { l in l.map { $0.hasPrefix("t\t") ? $0.replacingOccurrences(of: "-0", with: "-1") : $0 } }),
            ("a total's key twice", onParts { l in
                // The second total takes the first's source, date and classes, keeping its own sums.
                let t = l.indices.filter { l[$0].hasPrefix("t\t") }
                guard t.count > 1 else { return ["x"] }
                let first = l[t[0]].split(separator: "\t", omittingEmptySubsequences: false), second = l[t[1]].split(separator: "\t", omittingEmptySubsequences: false)
                var e = l; e[t[1]] = (first[0..<3] + second[3..<6] + first[6...]).joined(separator: "\t"); return e }),
        ]
        for (what, forged) in forgeries { XCTAssertNil(CheckpointFixture.decode(forged), what) }
    }

    /// The same commands give the same answers with a checkpoint after every write as with none.
    func testCommandsAgreeWithAndWithoutCheckpoints() throws {
        let directory = TemporaryDirectory()
        func run(_ journal: String, _ arguments: [String], checkpoint: Bool) -> CommandResult {
            var environment = ["BUDGET_NOW": "2023-12-31T00:00:00Z", "BUDGET_STATE_DIR": directory.path("state")]
            if checkpoint { environment["BUDGET_CHECKPOINT_MIN_BYTES"] = "0" }
            return BudgetCommandLine.run(["--journal", journal] + arguments, environment: environment)
        }
        let script: [[String]] = [
            ["init"],
            ["project", "add", "old", "--name", "n", "--department", "d", "--unit", "u", "--year", "2022", "--date", "2022-01-01"],
            ["approve", "old", "500", "--source", "current", "--date", "2022-01-02"],
            ["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023", "--date", "2022-12-01"],
            ["carryover", "old", "200", "--source", "current", "--to", "p", "--date", "2022-12-31"],
            ["approve", "p", "1000", "--source", "current", "--date", "2023-01-02"],
            ["indicator", "add", "p", "i1", "--level1", "output", "--level2", "数量指标", "--name", "培训", "--target", "10次", "--weight", "10"],
            ["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--id", "k1"],
            ["pay", "p", "200", "--source", "current", "--date", "2023-02-01"],
            ["pay", "p", "100", "--source", "current", "--date", "2023-03-01", "--id", "k1"],
            ["pay", "p", "101", "--source", "current", "--date", "2023-03-01", "--id", "k1"],
            ["reverse", "8", "--date", "2023-04-01", "--reason", "重复"],
            ["reverse", "8", "--date", "2023-04-02", "--reason", "again"],
            ["pay", "p", "801", "--source", "current", "--date", "2023-05-01"],
            ["pay", "p", "800", "--source", "current", "--date", "2023-05-01"],
            ["report", "--format", "json"], ["report", "--as-of", "2023-03-15", "--format", "json"],
            ["report", "--at", "4", "--format", "json"], ["trace", "p", "--format", "json"], ["verify"],
            // One project, from its part of the checkpoint (and the sender's, for the carry-over).
            ["report", "p", "--format", "json"], ["report", "p", "--as-of", "2023-03-15", "--format", "json"],
            ["report", "old", "--as-of", "2022-12-31", "--format", "json"], ["report", "p", "old", "--at", "9"],
            ["curve", "p", "--as-of", "2023-06-30", "--format", "json"], ["report", "nobody"],
            ["pay", "p", "1", "--source", "carryover", "--date", "2023-06-01"], ["report", "p", "--format", "json"],
            // Payment totals are kept apart by classification; a reversal takes its code's money back.
            ["pay", "p", "50", "--source", "current", "--date", "2023-06-02", "--class", "30211", "--function", "20106", "--voucher", "V1"],
            ["pay", "p", "30", "--source", "current", "--date", "2023-06-03", "--class", "30216"],
            ["amend", "12", "--class", "30202", "--reason", "科目错"], ["verify"],
            ["report", "--by", "class", "--format", "json"], ["report", "p", "--by", "function"],
            ["report", "p", "--by", "class", "--as-of", "2023-06-02", "--format", "csv"],
            // A cost indicator derived from the payments reads the same sums.
            ["indicator", "add", "p", "c1", "--level1", "output", "--level2", "成本指标", "--name", "差旅", "--target", "≤40元",
             "--weight", "5", "--derived", "sum class=302"], ["verify"],
            ["report", "p", "--format", "json"], ["report", "p", "--as-of", "2023-06-02", "--format", "json"], ["trace", "p"],
        ]
        let plain = directory.path("plain.jsonl"), cached = directory.path("cached.jsonl")
        let checkpoint = cached + ".u\(geteuid()).checkpoint"
        for arguments in script {
            // Each command after the first verify starts from the checkpoint's pages.
            if arguments == ["report", "p", "--format", "json"] { XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint)) }
            let a = run(plain, arguments, checkpoint: false), b = run(cached, arguments, checkpoint: true)
            XCTAssertEqual(a.status, b.status, "\(arguments)")
            // verify says what it found of the checkpoint; the rest is the same.
            func withoutCheckpoint(_ text: String) -> String { text.split(separator: "\n").filter { !$0.hasPrefix("checkpoint ") }.joined(separator: "\n") }
            XCTAssertEqual(withoutCheckpoint(a.stdout.replacingOccurrences(of: plain, with: "J")),
                           withoutCheckpoint(b.stdout.replacingOccurrences(of: cached, with: "J")), "\(arguments)")
            XCTAssertEqual(a.stderr, b.stderr, "\(arguments)")
            if arguments.contains("--by") { XCTAssertTrue(a.stdout.contains("30202") || arguments.contains("function") || arguments.contains("2023-06-02"), a.stdout) }
            if arguments == ["verify"] { XCTAssertTrue(b.stdout.contains("checkpoint \(cached).u\(geteuid()).checkpoint agrees with the journal up to #"), b.stdout) }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: plain + ".u\(geteuid()).checkpoint"), "a small journal gets no checkpoint")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cached + ".u\(geteuid()).checkpoint"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("state")) && !FileManager.default.fileExists(atPath: directory.path("state/checkpoint.key")))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: plain)), try Data(contentsOf: URL(fileURLWithPath: cached)))
    }

    /// A checkpoint whose line no longer stands in the journal is not used: the journal is read
    /// whole again, and its damage is found.
    func testACheckpointNamingAChangedLineIsNotTrusted() throws {
        let directory = TemporaryDirectory()
        let journal = directory.path("j.jsonl")
        let environment = ["BUDGET_NOW": "2023-12-31T00:00:00Z", "BUDGET_CHECKPOINT_MIN_BYTES": "0", "BUDGET_STATE_DIR": directory.path("state")]
        for arguments in [["init"], ["project", "add", "p", "--name", "n", "--department", "d", "--unit", "u", "--year", "2023"],
                          ["approve", "p", "1000", "--source", "current", "--date", "2023-01-02"],
                          ["pay", "p", "100", "--source", "current", "--date", "2023-03-01"], ["verify"]] {
            XCTAssertEqual(BudgetCommandLine.run(["--journal", journal] + arguments, environment: environment).status, 0)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal + ".u\(geteuid()).checkpoint"))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        let last = bytes.dropLast().lastIndex(of: 0x0A)! + 1
        let amount = try XCTUnwrap(bytes[last...].firstRange(of: Data("\"amount\":\"100.00\"".utf8)))
        bytes[amount.lowerBound + 10] = UInt8(ascii: "9")   // 100.00 → 900.00 in the last line
        try bytes.write(to: URL(fileURLWithPath: journal))
        let report = BudgetCommandLine.run(["--journal", journal, "report"], environment: environment)
        XCTAssertEqual(report.status, 1)
        XCTAssertTrue(report.stderr.contains("journal line 3"), report.stderr)
    }
}

final class CheckpointHandoffTests: XCTestCase {
    /// An append's checkpoint is written while the journal's fsync runs, and put in place only
    /// when the lines it covers are durable: dropped otherwise, with no temporary file left; in
    /// place, it is the checkpoint a plain write leaves, byte for byte.
    func testTheCheckpointIsPutInPlaceOnlyOnceTheLinesAreDurable() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("j.jsonl")
        try Data(JournalScannerTests.encode(JournalScannerTests.payments(300, seed: 5))).write(to: URL(fileURLWithPath: path))
        let journal = JournalFile(path: path, checkpointBytesMin: 0, checkpointKeys: CheckpointKeyring(key: Fixture.checkpointKey))
        let summary = try journal.reading { try $0.summary(usingCheckpoint: false) }
        let checkpoint = Checkpoint.path(for: path, owner: Fixture.checkpointKey.owner)
        func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() }

        CheckpointHandoff(summary, suspects: [], forJournal: journal).finish(durable: false)
        XCTAssertEqual(try files(), ["j.jsonl"])

        CheckpointHandoff(summary, suspects: ["p"], forJournal: journal).finish(durable: true)
        XCTAssertEqual(try files(), ["j.jsonl", "j.jsonl.u\(Fixture.checkpointKey.owner).checkpoint"])
        let handedOff = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
        try FileManager.default.removeItem(atPath: checkpoint)
        Checkpoint.write(summary, suspects: ["p"], forJournal: journal)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: checkpoint)), handedOff)
    }

    /// A read that leaves a fresh checkpoint, on a journal that has somewhere to leave it
    /// (`CheckpointWrites`), returns without waiting for it. The next read of the journal waits
    /// for it by itself and finds it in place; it is the checkpoint a read that waited leaves,
    /// byte for byte; and the journal's warning is said once, after the writing, as a read that
    /// waited says it.
    func testACheckpointWrittenBehindAReadIsInPlaceForTheNextRead() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("j.jsonl")
        // Payments of projects never registered: a journal read with a warning.
        try Data(JournalScannerTests.encode(JournalScannerTests.payments(3_000, seed: 9))).write(to: URL(fileURLWithPath: path))
        let checkpoint = Checkpoint.path(for: path, owner: Fixture.checkpointKey.owner)
        final class Said: @unchecked Sendable {
            private let lock = NSLock()
            private var said: [Message] = []
            func add(_ message: Message) { lock.lock(); said.append(message); lock.unlock() }
            var messages: [Message] { lock.lock(); defer { lock.unlock() }; return said }
        }
        func journal(_ said: Said, _ writes: CheckpointWrites?) -> JournalFile {
            JournalFile(path: path, checkpointBytesMin: 0, checkpointKeys: CheckpointKeyring(key: Fixture.checkpointKey),
                        checkpointWrites: writes, notice: { said.add($0) })
        }

        let saidWaiting = Said()
        var waitingProjection = LedgerProjection()
        _ = try LedgerStore(journal: journal(saidWaiting, nil)).replay(&waitingProjection, to: .end, projects: nil)
        let waited = try Data(contentsOf: URL(fileURLWithPath: checkpoint))
        XCTAssertEqual(saidWaiting.messages.count, 1)
        try FileManager.default.removeItem(atPath: checkpoint)

        let said = Said()
        let writes = CheckpointWrites()
        let behind = journal(said, writes)
        var projection = LedgerProjection()
        _ = try LedgerStore(journal: behind).replay(&projection, to: .end, projects: nil)
        XCTAssertEqual(projection, waitingProjection)
        let next = try behind.reading { try $0.summary() }
        XCTAssertNotNil(next.base, "the next read found the checkpoint in place")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: checkpoint)), waited)
        writes.waitForAll()
        XCTAssertEqual(said.messages, saidWaiting.messages)
    }
}
