import XCTest
@testable import BudgetModel
@testable import BudgetJournal

final class BatchEncoderTests: XCTestCase {
    /// The batch encoder writes exactly the bytes of encoding one line after another.
    func testTheBatchWritesTheSameBytesAsLineByLine() throws {
        let kinds = JournalFormatTests.bodies.enumerated().map { index, body in
            Event(seq: Int64(index + 1), id: "@\(index + 1)", date: Fixture.date("2023-06-01"), recorded: "2023-06-01T08:00:00Z", body: body)
        }
        let payments = JournalScannerTests.payments(1_500, seed: 4, written: true).map { event in
            Event(seq: event.seq + Int64(kinds.count), id: event.id.hasPrefix("@") ? "@\(event.seq + Int64(kinds.count))" : event.id,
                  date: event.date, recorded: event.recorded, body: event.body)
        }
        let events = kinds + payments
        let start = JournalHead(seq: 0, hash: .zero)
        let batch = try BatchEncoder.lines(for: events, after: start)
        // The first line announces the batch; every line is what the line encoder writes.
        var expected = ""
        var prev = start.hash
        for (index, event) in events.enumerated() {
            let line = EventEncoder.line(for: event, prev: prev, batch: index == 0 ? events.count : nil)
            expected += line.text + "\n"
            prev = line.hash
        }
        XCTAssertTrue(String(decoding: batch.bytes, as: UTF8.self) == expected, "the batch's bytes differ from line by line")
        XCTAssertTrue(expected.hasPrefix("{\"v\":1,\"seq\":1,\"id\":\"@1\",\"type\":\"project.registered\",\"date\":\"2023-06-01\",\"recorded\":\"2023-06-01T08:00:00Z\",\"batch\":\(events.count),"))
        XCTAssertEqual(batch.heads.map(\.seq), events.map(\.seq))
        // The head hashes are the lines' own.
        let parsed = try? JournalParser.parse(batch.bytes[...])
        XCTAssertEqual(parsed?.head, batch.heads.last)
        // In small chunks, handed between the two threads, the bytes are the same; each chunk
        // holds whole lines, and the lengths add up to them.
        for chunkEvents in [1, 7, 100, 5_000] {
            let chunked = try BatchEncoder.lines(for: events, after: start, chunkEvents: chunkEvents)
            XCTAssertTrue(chunked.bytes == batch.bytes, "chunks of \(chunkEvents)")
            XCTAssertEqual(chunked.heads, batch.heads, "chunks of \(chunkEvents)")
            XCTAssertEqual(chunked.chunks.count, (events.count + chunkEvents - 1) / chunkEvents)
            XCTAssertTrue(chunked.chunks.allSatisfy { $0.last == 0x0A })
            XCTAssertEqual(chunked.lengths.reduce(0, +) + events.count, chunked.byteCount)
        }
    }

    /// The encoder is the last check before a line is written: an event the reader would refuse
    /// is not encoded, wherever it stands in the batch, and the refusal names it.
    func testAnEventTheReaderWouldRefuseIsNotEncoded() {
        let good = JournalScannerTests.payments(300, seed: 2, written: true)
        let bad: [(EventBody, String)] = [
            (.disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 0))), "\"amount\" must be positive"),
            (.disbursed(Disbursement(project: "no spaces", source: .current, amount: Money(fen: 1))), "\"project\" may hold only"),
            (.disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 1), payee: "a\nb")), "\"payee\" contains a control character"),
            (.goalRecorded(GoalRecord(project: "p")), "a goal states neither"),
            (.budgetAdjusted(BudgetAdjustment(project: "p", source: .current, amount: .zero, reason: "r")), "\"amount\" must not be zero"),
        ]
        for (body, reason) in bad {
            for position in [0, 150, 299] {
                var events = good
                events[position] = Event(seq: Int64(position + 1), id: "@\(position + 1)", date: good[position].date, recorded: "r", body: body)
                for chunkEvents in [1, 64, 2_048] {
                    do {
                        _ = try BatchEncoder.lines(for: events, after: .empty, chunkEvents: chunkEvents)
                        XCTFail("\(body) was encoded")
                    } catch {
                        guard case .invalidEvent(let seq, let found) = error else { return XCTFail("\(error)") }
                        XCTAssertEqual(seq, Int64(position + 1))
                        XCTAssertTrue(found.description.hasPrefix(reason), found.description)
                    }
                }
            }
        }
    }

    /// The payment writer's own check of a payment gives what the field table's check gives,
    /// word for word, for good payments and for every kind of bad field.
    func testThePaymentWritersCheckAgreesWithTheFieldTable() {
        var random = SplitMix64(seed: 44)
        let ids = ["@7", "@8", "k-1", "bad id", "", String(repeating: "x", count: 65), "-lead"]
        let projects = ["p", "bzgl-2023", "bad project", "", "项目"]
        let texts: [String?] = [nil, "厦门大学", "a\nb", "tab\there", String(repeating: "长", count: 700), "ok"]
        for _ in 0..<3_000 {
            let payment = Disbursement(project: projects[random.next(projects.count)], source: .current,
                                       amount: Money(fen: Int64(random.next(3)) - 1),
                                       voucher: [nil, "V-1", " ", "a\u{202E}b", String(repeating: "v", count: 65)][random.next(5)],
                                       economicClass: [nil, "30211", "3021", "x0211"][random.next(4)],
                                       functionalClass: [nil, "201", "2010"][random.next(3)],
                                       payee: texts[random.next(texts.count)], memo: texts[random.next(texts.count)],
                                       amends: [nil, 3, 0, Int64(Limits.eventsMax) + 1][random.next(4)])
            let event = Event(seq: 7, id: ids[random.next(ids.count)], date: Fixture.date("2023-01-01"),
                              recorded: random.next(10) == 0 ? "bad\u{7F}" : "2023-01-01T00:00:00Z", body: .disbursed(payment))
            var fresh = PaymentLineWriter()
            XCTAssertEqual(fresh.problem(ofNext: PaymentLine(event, payment), recorded: event.recorded), BatchEncoder.problem(of: event), "\(event)")
        }
    }

    /// A chunk's writer checks a text again only when it differs from the last that passed as
    /// the same field: line after line, in runs of the same texts good and bad, it finds what the
    /// check of each line alone finds.
    func testTheWritersRememberedChecksFindWhatEachLineAloneFinds() {
        var random = SplitMix64(seed: 45)
        let projects = ["p", "p", "bad project", "q"]
        let texts: [String?] = [nil, "厦门大学", "厦门大学", "a\nb", "ok", String(repeating: "长", count: 700)]
        let recorded = ["2023-01-01T00:00:00Z", "2023-01-01T00:00:00Z", "bad\u{7F}"]
        var writer = PaymentLineWriter()
        var problems = 0
        for index in 0..<5_000 {
            // Runs: most lines repeat the texts of the one before.
            let pick = { (count: Int) in index % 4 == 0 ? random.next(count) : 0 }
            let payment = Disbursement(project: projects[pick(projects.count)], source: .current, amount: Money(fen: 100),
                                       voucher: [nil, "V-1", " "][pick(3)], economicClass: [nil, "30211", "x0211"][pick(3)],
                                       payee: texts[pick(texts.count)], memo: texts[pick(texts.count)])
            let event = Event(seq: 7, id: "k-\(index)", date: Fixture.date("2023-01-01"), recorded: recorded[pick(recorded.count)],
                              body: .disbursed(payment))
            let alone = BatchEncoder.problem(of: event)
            XCTAssertEqual(writer.problem(ofNext: PaymentLine(event, payment), recorded: event.recorded), alone, "line \(index): \(event)")
            if alone != nil { problems += 1 }
        }
        XCTAssertGreaterThan(problems, 100, "the runs hold bad texts too")
    }

    /// A batch shares its recorded time, whose quoted form the payment writer keeps for the next
    /// line; each line still has its own bytes: a recorded text canonically equal to the last but
    /// spelt with other bytes ("é" as one code point, then as "e" and a combining accent) is
    /// written as given.
    func testARecordedTextIsWrittenAsEachEventSpellsIt() throws {
        let recorded = ["Caf\u{E9}", "Caf\u{E9}", "Cafe\u{301}", "Cafe\u{301}", "Caf\u{E9}"]
        XCTAssertEqual(recorded[0], recorded[2], "Swift's == is canonical equivalence")
        let events = recorded.enumerated().map { index, recorded in
            Event(seq: Int64(index + 1), id: "k-\(index)", date: Fixture.date("2023-06-01"), recorded: recorded,
                  body: .disbursed(Disbursement(project: "p", source: .current, amount: Money(fen: 100), payee: "x", memo: "m")))
        }
        let batch = try BatchEncoder.lines(for: events, after: .empty)
        var expected: [UInt8] = []
        var prev = JournalHead.empty.hash
        for (index, event) in events.enumerated() {
            let line = EventEncoder.line(for: event, prev: prev, batch: index == 0 ? events.count : nil)
            expected += Array(line.text.utf8) + [0x0A]
            prev = line.hash
        }
        XCTAssertTrue(batch.bytes == expected, "the batch's bytes differ from line by line")
    }

    /// Lines encoded and chained ahead, before the batch is known to go in, are taken when the
    /// piece written is the one they encode, after the same head, and the bytes are the line
    /// encoder's; lines encoded ahead for another head or another batch size, or already taken or
    /// cancelled, are not taken and the piece is encoded afresh. A line the reader would refuse is
    /// refused as without them, and a writer that stops stops their helper. One never taken stops
    /// its helper once dropped, waiting or not.
    func testLinesEncodedAheadAreTakenOnlyForThePieceTheyEncode() throws {
        let payments = JournalScannerTests.payments(5_000, seed: 12, written: true)
        // A head whose hash is not zero: lines chained ahead after the wrong one would show.
        let head = JournalHead(seq: 0, hash: SHA256.hash(Array("the line before".utf8)))
        // What the line encoder writes, line by line after that head.
        var lineByLine = "", prev = head.hash
        for (index, payment) in payments.enumerated() {
            let line = EventEncoder.line(for: payment, prev: prev, batch: index == 0 ? payments.count : nil)
            lineByLine += line.text + "\n"
            prev = line.hash
        }
        let plain = Array(lineByLine.utf8)
        XCTAssertTrue(try BatchEncoder.lines(for: payments, after: head, chunkEvents: 64).bytes == plain)
        func written(_ ahead: BatchEncoder.Ahead?, after head: JournalHead = head) throws -> [UInt8] {
            var piece = EventPiece(payments)
            piece.ahead = ahead
            var bytes: [UInt8] = []
            try BatchEncoder.forEachChunk(of: piece, after: head, batch: payments.count, announcing: true, chunkEvents: 64) { lines throws(JournalError) in
                bytes += lines.bytes
            }
            return bytes
        }
        // Taken: the helper ran ahead (a few chunks waiting, or all of them) and went on.
        for chunksMax in [1, 3, 200] {
            let ahead = BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count, chunksMax: chunksMax, chunkEvents: 64)
            XCTAssertTrue(try written(ahead) == plain, "\(chunksMax) chunks ahead")
            XCTAssertTrue(ahead.pipeline.isFinished, "taken, and its helper stopped by the writer")
        }
        // Taken once the helper has filled its room, as when an import's check outlasts the
        // encoding: those chunks were chained by the helper, the rest as the writer takes them.
        // Or the writer stops at its third chunk: the error comes back, and nothing hangs.
        func filled(_ chunksMax: Int) -> BatchEncoder.Ahead {
            let ahead = BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count, chunksMax: chunksMax, chunkEvents: 64)
            var waited = 0
            while !ahead.pipeline.isReady(chunksMax - 1) && waited < 10_000 { usleep(1_000); waited += 1 }
            XCTAssertTrue((0..<chunksMax).allSatisfy { ahead.pipeline.isReady($0) && ahead.pipeline.slots[$0].chainedAfter != nil },
                          "\(chunksMax) chunks chained ahead by the helper")
            return ahead
        }
        for chunksMax in [3, 24] {
            let ahead = filled(chunksMax)
            XCTAssertTrue(try written(ahead) == plain, "\(chunksMax) chunks chained ahead, then taken")
            XCTAssertTrue(ahead.pipeline.isFinished)
            let stopped = filled(chunksMax)
            var piece = EventPiece(payments)
            piece.ahead = stopped
            var taken = 0
            XCTAssertThrowsError(try BatchEncoder.forEachChunk(of: piece, after: head, batch: payments.count, announcing: true, chunkEvents: 64) { _ throws(JournalError) in
                if taken == 2 { throw JournalError.lineTooLong(bytes: 1) }
                taken += 1
            }) { error in
                guard case JournalError.lineTooLong = error else { return XCTFail("\(error)") }
            }
            XCTAssertTrue(stopped.pipeline.isFinished)
        }
        // A piece with a line the reader would refuse, encoded ahead: refused as it is without.
        var refused = payments
        refused[3_000] = Event(seq: 3_001, id: "@3001", date: payments[3_000].date, recorded: "a\nb", body: payments[3_000].body)
        for chunksMax in [1, 24, 200] {
            var piece = EventPiece(refused)
            piece.ahead = BatchEncoder.Ahead(EventPiece(refused), after: head, batch: refused.count, chunksMax: chunksMax, chunkEvents: 64)
            usleep(2_000)
            XCTAssertThrowsError(try BatchEncoder.forEachChunk(of: piece, after: head, batch: refused.count, announcing: true, chunkEvents: 64) { _ throws(JournalError) in }) { error in
                guard case JournalError.invalidEvent(let seq, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(seq, 3_001)
            }
        }
        // Not taken: encoded for another batch size, another head (seq or hash), other chunks.
        let others = [BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count + 1, chunkEvents: 64),
                      BatchEncoder.Ahead(EventPiece(payments), after: JournalHead(seq: 1, hash: .zero), batch: payments.count, chunkEvents: 64),
                      BatchEncoder.Ahead(EventPiece(payments), after: JournalHead(seq: 0, hash: .zero), batch: payments.count, chunkEvents: 64),
                      BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count, chunkEvents: 100)]
        // The writer cancels them before it writes a line of its own (lines written ahead would
        // otherwise come before).
        for other in others {
            XCTAssertTrue(try written(other) == plain)
            XCTAssertTrue(other.pipeline.isFinished, "not taken, and cancelled")
            other.cancel()
        }
        // Not to be taken once finished: cancelled, or already taken by a piece (its chunks are
        // freed, and its helper gone).
        let cancelled = BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count, chunkEvents: 64)
        XCTAssertTrue(cancelled.encodes(payments.count, after: head, batch: payments.count, chunkEvents: 64))
        cancelled.cancel()
        XCTAssertFalse(cancelled.encodes(payments.count, after: head, batch: payments.count, chunkEvents: 64), "cancelled")
        let used = BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count, chunkEvents: 64)
        XCTAssertTrue(try written(used) == plain)
        XCTAssertFalse(used.encodes(payments.count, after: head, batch: payments.count, chunkEvents: 64), "taken once, not twice")
        // Dropped untaken, with its helper waiting for room, or cancelled twice: nothing hangs.
        for _ in 0..<20 {
            var waiting: BatchEncoder.Ahead? = BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count, chunksMax: 1, chunkEvents: 64)
            usleep(200)
            waiting?.cancel()
            waiting?.cancel()
            waiting = BatchEncoder.Ahead(EventPiece(payments), after: head, batch: payments.count, chunksMax: 1, chunkEvents: 64)
            waiting = nil
            XCTAssertNil(waiting)
        }
    }

    /// Chunks are handed over one at a time, in order, as the whole batch would be; a writer that
    /// stops (a write failed, a line too long) stops the encoding too, with the other core
    /// waiting for room to run ahead, and its error comes back.
    func testChunksComeOneAtATimeAndAWriterMayStop() throws {
        let events = JournalScannerTests.payments(300, seed: 9, written: true)
        let whole = try BatchEncoder.lines(for: events, after: .empty)
        var joined: [UInt8] = []
        var heads: [JournalHead] = []
        try BatchEncoder.forEachChunk(of: events, after: .empty, batch: events.count, announcing: true, chunkEvents: 7) { lines throws(JournalError) in
            XCTAssertEqual(lines.chunks.count, 1)
            XCTAssertLessThanOrEqual(lines.heads.count, 7)
            joined += lines.bytes
            heads += lines.heads
        }
        XCTAssertTrue(joined == whole.bytes)
        XCTAssertEqual(heads, whole.heads)
        for stopAt in [0, 1, 20] {
            var taken = 0
            XCTAssertThrowsError(try BatchEncoder.forEachChunk(of: events, after: .empty, batch: events.count, announcing: true, chunkEvents: 1) { _ throws(JournalError) in
                if taken == stopAt { throw JournalError.lineTooLong(bytes: 1) }
                taken += 1
            }) { error in
                guard case JournalError.lineTooLong = error else { return XCTFail("\(error)") }
            }
            XCTAssertEqual(taken, stopAt)
        }
    }

    /// A chunk of payments whose lines outgrow the room first made for them (runs of texts at
    /// their longest, in characters that escape longest) is moved to more room, as often as it
    /// takes, and writes the bytes the line encoder writes; a payment the reader would refuse,
    /// after the room grew, is refused at its seq.
    func testPaymentsThatOutgrowTheirRoomAreWrittenWhole() throws {
        let recorded = "2024-01-02T03:04:05Z"
        let long = String(repeating: "\"", count: Limits.textBytesMax / 2) + String(repeating: "长", count: Limits.textBytesMax / 6)
        var random = SplitMix64(seed: 46)
        let payments = (0..<300).map { index -> PaymentLine in
            let heavy = (100..<160).contains(index) || random.next(9) == 0
            return PaymentLine(seq: Int64(index + 1), id: "k-\(index)", date: Fixture.date("2023-05-01"),
                               payment: Disbursement(project: "p", source: .current, amount: Money(fen: Int64(index) + 1),
                                                     payee: heavy ? long : "厦门大学", memo: heavy ? "。" + long.dropLast(2) : nil))
        }
        let events = payments.map { $0.event(recorded: recorded) }
        let expected = try BatchEncoder.lines(for: events, after: .empty, chunkEvents: 100).bytes
        XCTAssertGreaterThan(expected.count, 300 * BatchEncoder.paymentLineBytesGuess, "the lines outgrow the room first made")
        var bytes: [UInt8] = []
        let piece = EventPiece(payments: payments.count, recorded: recorded) { payments[$0] }
        // The first chunk announces the batch (written as any event); the others are payments alone.
        try BatchEncoder.forEachChunk(of: piece, after: .empty, batch: payments.count, announcing: true, chunkEvents: 100) { bytes += $0.bytes }
        XCTAssertEqual(bytes.count, expected.count)
        XCTAssertTrue(bytes == expected, "the bytes of the line encoder")

        var refused = payments
        refused[150] = PaymentLine(seq: 151, id: "k-150", date: Fixture.date("2023-05-01"),
                                   payment: Disbursement(project: "p", source: .current, amount: Money(fen: 1), payee: long, memo: "a\u{0}b"))
        let bad = EventPiece(payments: refused.count, recorded: recorded) { refused[$0] }
        XCTAssertThrowsError(try BatchEncoder.forEachChunk(of: bad, after: .empty, batch: nil, announcing: false, chunkEvents: 100) { _ in }) { error in
            guard case JournalError.invalidEvent(let seq, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(seq, 151)
        }
        // The line that announces the batch, written as any event, is refused as any event.
        var first = payments
        first[0] = PaymentLine(seq: 1, id: "k-0", date: Fixture.date("2023-05-01"),
                               payment: Disbursement(project: "p", source: .current, amount: Money(fen: 1), memo: "a\u{0}b"))
        let badFirst = EventPiece(payments: first.count, recorded: recorded) { first[$0] }
        XCTAssertThrowsError(try BatchEncoder.forEachChunk(of: badFirst, after: .empty, batch: first.count, announcing: true, chunkEvents: 100) { _ in }) { error in
            guard case JournalError.invalidEvent(let seq, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(seq, 1)
        }
    }
}
