import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// A payment line as a read of figures keeps it until it is folded: numbers only, its texts
/// numbered in the `NameTable` of the stretch of journal it was read in. No member is counted
/// by reference, so a block's thousands of them are made, handed over and freed as plain memory.
struct CompactPayment {
    let seq: Int64
    let date: BusinessDate
    let fen: Int64
    /// Fingerprints of the client key and the voucher; meaningful only where `flags` says so.
    let keyFingerprint: UInt64
    let voucherFingerprint: UInt64
    let prev: SHA256Digest
    let hash: SHA256Digest
    /// Bytes of the line including its newline.
    let length: Int32
    /// Numbers in the stretch's `NameTable`: the project, and the codes (0 for none).
    let project: UInt32
    let economicClass: UInt32
    let functionalClass: UInt32
    let source: FundSource
    let flags: UInt8

    static let hasKey: UInt8 = 1
    static let hasVoucher: UInt8 = 2

    /// The figures, with their texts from `names` and the read's `projectNumber`.
    func figures(_ names: NameTable, projectNumber: Int) -> PaymentFigures {
        PaymentFigures(seq: seq, date: date, project: names[project], source: source, amount: Money(fen: fen),
                       economicClass: economicClass == 0 ? nil : names[economicClass],
                       functionalClass: functionalClass == 0 ? nil : names[functionalClass],
                       keyFingerprint: flags & Self.hasKey != 0 ? keyFingerprint : nil,
                       voucherFingerprint: flags & Self.hasVoucher != 0 ? voucherFingerprint : nil, projectNumber: projectNumber)
    }
}

/// The project ids and classification codes met in a stretch of journal, numbered from 1: a
/// stretch of thousands of payments names a few dozen. Each text is made, and judged, once.
struct NameTable {
    private(set) var names: [String] = []
    /// The names' bytes end to end, and where each ends: a name met again is compared where it
    /// lies, without touching its String (a retain, a release and a copy, for every payment).
    private var spelling: [UInt8] = []
    private var spellingEnds: [Int] = []
    /// Number by fingerprint of the bytes; a fingerprint shared by two texts keeps the first,
    /// and the other is found by comparing every name (it never happens in practice).
    private var numbers = QuickTable<UInt64, UInt32>()

    subscript(number: UInt32) -> String { names[Int(number) - 1] }

    /// The number of the text `bytes`, when `make` accepts it (a refusal is not kept).
    mutating func number(_ bytes: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> String?) -> UInt32? {
        let fingerprint = Fingerprint.of(utf8: bytes.bindMemory(to: UInt8.self))
        if let number = numbers[fingerprint] {
            if isSpelling(of: number, bytes) { return number }
            if let number = (1...UInt32(names.count)).first(where: { isSpelling(of: $0, bytes) }) { return number }
        }
        guard let text = make(bytes) else { return nil }
        names.append(text)
        spelling.append(contentsOf: bytes)
        spellingEnds.append(spelling.count)
        let number = UInt32(names.count)
        if numbers[fingerprint] == nil { numbers.set(number, for: fingerprint) }
        return number
    }

    private func isSpelling(of number: UInt32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let index = Int(number) - 1
        let start = index == 0 ? 0 : spellingEnds[index - 1], end = spellingEnds[index]
        guard end - start == bytes.count else { return false }
        return bytes.isEmpty || spelling.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
    }
}

extension FastPaymentDecoder {
    /// The line as `decode` reads it, kept as numbers (see `CompactPayment`); nil for every line
    /// `decode` declines.
    static func compact(_ line: UnsafeRawBufferPointer, texts: inout Texts, names: inout NameTable,
                        computedHash: SHA256Digest? = nil, previous: PreviousHash? = nil) -> CompactPayment? {
        var payments: [CompactPayment] = []
        guard compact(line, into: &payments, texts: &texts, names: &names, computedHash: computedHash, previous: previous) else { return nil }
        return payments[0]
    }

    /// As `compact(_:texts:names:computedHash:previous:)`, appending the payment to `payments`
    /// (false, appending nothing, for a line `decode` declines). Made where it is kept: returned,
    /// its 138 bytes were copied three times on the way, a tenth of a block's reading.
    @inline(__always)
    static func compact(_ line: UnsafeRawBufferPointer, into payments: inout [CompactPayment], texts: inout Texts, names: inout NameTable,
                        computedHash: SHA256Digest?, previous: PreviousHash?) -> Bool {
        guard let parsed = parse(line, texts: &texts, computedHash: computedHash, previous: previous),
              let project = names.number(UnsafeRawBufferPointer(rebasing: line[parsed.projectRange]), make: { bytes in
                  identifier(bytes, 0..<bytes.count)
              }) else { return false }
        // The codes were judged by `parse`; they are numbered here.
        func code(_ range: Range<Int>?) -> UInt32 {
            guard let range else { return 0 }
            return names.number(UnsafeRawBufferPointer(rebasing: line[range]), make: { ascii($0, 0..<$0.count) })!
        }
        let economicClass = code(parsed.economicClassRange), functionalClass = code(parsed.functionalClassRange)
        var flags: UInt8 = 0
        var keyFingerprint: UInt64 = 0, voucherFingerprint: UInt64 = 0
        if !parsed.derivedID {
            flags |= CompactPayment.hasKey
            keyFingerprint = Fingerprint.of(utf8: UnsafeRawBufferPointer(rebasing: line[parsed.idRange]).bindMemory(to: UInt8.self))
        }
        if let voucher = parsed.voucher {
            flags |= CompactPayment.hasVoucher
            voucherFingerprint = Fingerprint.of(voucher)
        }
        payments.append(CompactPayment(seq: parsed.seq, date: parsed.date, fen: parsed.amount.fen, keyFingerprint: keyFingerprint,
                                       voucherFingerprint: voucherFingerprint, prev: parsed.prev, hash: parsed.hash, length: Int32(line.count + 1),
                                       project: project, economicClass: economicClass, functionalClass: functionalClass, source: parsed.source,
                                       flags: flags))
        return true
    }
}
