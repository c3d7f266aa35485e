import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// A checkpoint open for reading (see `Checkpoint` for the format). Its page table is
/// authenticated when it is opened, and its small pages (the line index, the journal-wide events,
/// the suspects) read then; a project's page or a key's is read when asked for, and checked
/// against its digest. A page that fails the check, or whose content does not fit the journal,
/// is never used: the checkpoint is set aside as evidence, and the command reads the journal whole.
public final class CheckpointImage: @unchecked Sendable {
    public let path: String
    let fd: Int32
    /// The journal line the checkpoint covers.
    public let position: JournalPosition
    let pages: [Checkpoint.Page]
    /// The indices in `pages` of the S pages, the K pages and the U pages, each in key order.
    let partPages: [Int]
    let keyPages: [Int]
    let voucherPages: [Int]
    /// The position before every 1,024th event (see `JournalSummary.searchStart`).
    public let lineIndex: [JournalPosition]
    /// The journal-wide events' lines.
    public let wide: [LineRef]
    /// The projects whose events broke a rule of the ledger when the checkpoint was made.
    public let suspects: Set<String>
    /// The last seq of each business date's events, ascending by date.
    public let lastSeqByDate: [(date: BusinessDate, seq: Int64)]
    /// Pages read and checked, kept for the next question about them: a command that writes the
    /// next checkpoint merges into the pages it read to check the projects it changes.
    private var cache: [Int: [UInt8]] = [:]
    private var cachedBytes = 0
    /// Set once a page fails: every later read fails with it.
    public private(set) var failure: CheckpointUnusable?
    /// Hears the first failure, to set the file aside and say so; returns where it was moved.
    private let failed: (CheckpointUnusable) -> String?
    /// Where the file was moved when it failed.
    public private(set) var movedTo: String?

    static let cachedBytesMax = 48 << 20
    /// Parts decoded, kept likewise: the projects an append touches are decoded to check it,
    /// then again to merge into the next checkpoint; kept up to this many bytes of parts.
    private var decodedParts: [String: ProjectSummary] = [:]
    private var decodedBytes = 0
    static let decodedBytesMax = 16 << 20

    private init(path: String, fd: Int32, position: JournalPosition, pages: [Checkpoint.Page], lineIndex: [JournalPosition],
                 wide: [LineRef], suspects: Set<String>, lastSeqByDate: [(date: BusinessDate, seq: Int64)], failed: @escaping (CheckpointUnusable) -> String?) {
        self.path = path; self.fd = fd; self.position = position; self.pages = pages
        partPages = pages.indices.filter { pages[$0].kind == .sections }
        keyPages = pages.indices.filter { pages[$0].kind == .keys }
        voucherPages = pages.indices.filter { pages[$0].kind == .vouchers }
        self.lineIndex = lineIndex; self.wide = wide; self.suspects = suspects; self.lastSeqByDate = lastSeqByDate; self.failed = failed
    }

    deinit { close(fd) }

    /// The checkpoint in `fd` (a regular file of `size` bytes, which the image keeps open), when
    /// `key` authenticates its table and its small pages match it; nil otherwise.
    static func open(fd: Int32, size: Int64, path: String, key: CheckpointKey, failed: @escaping (CheckpointUnusable) -> String?) -> CheckpointImage? {
        guard size > Int64(Checkpoint.footerBytes), let footer = try? FileBytes.read(fd, count: Checkpoint.footerBytes, at: size - Int64(Checkpoint.footerBytes)),
              footer.count == Checkpoint.footerBytes, footer.starts(with: Array("mac ".utf8)), footer[24] == 0x20, footer.last == 0x0A,  // not prose: the footer's tag in the file format
              let tableOffsetValue = Checkpoint.unsignedInteger(footer[4..<24]), tableOffsetValue < UInt64(Int64.max),
              case let tableOffset = Int64(tableOffsetValue),
              tableOffset <= size - Int64(Checkpoint.footerBytes), size - Int64(Checkpoint.footerBytes) - tableOffset <= Int64(Checkpoint.tableBytesMax),
              let table = try? FileBytes.read(fd, count: Int(size - Int64(Checkpoint.footerBytes) - tableOffset), at: tableOffset),
              Int64(table.count) == size - Int64(Checkpoint.footerBytes) - tableOffset,
              let mac = footer[25..<89].withUnsafeBytes({ SHA256Digest(lowercaseHexBytes: $0) }),
              Checkpoint.mac(table: table[...], key: key) == mac,
              let (position, pages) = Checkpoint.table(table[...], pagesEndAt: tableOffset)
        else { return nil }
        // The small pages are read now, so that a damaged one refuses the checkpoint before it is used.
        var lineIndex: [JournalPosition] = [], wide: [LineRef] = [], suspects = Set<String>()
        var lastSeqByDate: [(date: BusinessDate, seq: Int64)] = []
        for page in pages where page.kind != .sections && page.kind != .keys && page.kind != .vouchers {
            guard let bytes = try? FileBytes.read(fd, count: page.length, at: page.offset), bytes.count == page.length,
                  SHA256.hash(bytes) == page.digest else { return nil }
            switch page.kind {
            case .lines:
                guard page.firstKey == UInt64(lineIndex.count), let entries = Checkpoint.lineIndex(bytes, firstEntry: lineIndex.count, within: position) else { return nil }
                guard entries.first.map({ $0.offset >= (lineIndex.last?.offset ?? 0) }) ?? true else { return nil }
                lineIndex += entries
            case .wide:
                guard let lines = bytes.withUnsafeBytes({ Checkpoint.wideLines($0, within: position, after: wide.last) }) else { return nil }
                wide += lines
            case .dates:
                guard let dates = bytes.withUnsafeBytes({ Checkpoint.lastSeqs($0, within: position, after: lastSeqByDate.last?.date) })
                else { return nil }
                lastSeqByDate += dates
            default:
                var lines = Checkpoint.LineSequence(bytes: bytes[...])
                while let line = lines.next() { suspects.insert(String(decoding: line, as: UTF8.self)) }
            }
        }
        // One entry for each event numbered 1, 1025, 2049, … up to the head.
        guard Int64(lineIndex.count) == (position.head.seq + JournalSummary.seqsPerIndexEntry - 1) / JournalSummary.seqsPerIndexEntry else { return nil }
        return CheckpointImage(path: path, fd: fd, position: position, pages: pages, lineIndex: lineIndex, wide: wide, suspects: suspects,
                               lastSeqByDate: lastSeqByDate, failed: failed)
    }

    /// Page `index`, checked against its digest.
    func page(_ index: Int) throws -> [UInt8] {
        try load([index])[index]!
    }

    /// Pages `indices`, checked: those read before from memory, the rest read in runs and checked
    /// on both cores, and kept.
    func load(_ indices: [Int]) throws -> [Int: [UInt8]] {
        if let failure { throw failure }
        var found: [Int: [UInt8]] = [:]
        var missing: [Int] = []
        for index in Set(indices) { if let cached = cache[index] { found[index] = cached } else { missing.append(index) } }
        try forEachPage(missing.sorted()) { index, bytes in
            let page = Array(bytes)
            if cachedBytes + page.count > Self.cachedBytesMax { cache.removeAll(); cachedBytes = 0 }
            cache[index] = page
            cachedBytes += page.count
            found[index] = page
        }
        return found
    }

    /// Pages `indices`, in order, read in runs and checked on both cores, handed to `visit` one by
    /// one: reading every project's part.
    func forEachPage(_ indices: [Int], _ visit: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        var start = 0
        while start < indices.count {
            let batch = try readBatch(indices, from: start)
            for (offset, index) in indices[start..<batch.end].enumerated() { try visit(index, batch.bytes[batch.ranges[offset]]) }
            start = batch.end
        }
    }

    /// The pages of `indices` from `start` up to `end`, about `bytesMax` of them (at least one),
    /// read and checked against their digests on both cores: their bytes, one page after another,
    /// and where each lies in them.
    private func readBatch(_ indices: [Int], from start: Int, bytesMax: Int = 4 << 20) throws -> (end: Int, bytes: [UInt8], ranges: [Range<Int>]) {
        if let failure { throw failure }
        var end = start, total = 0
        while end < indices.count && (end == start || total + pages[indices[end]].length <= bytesMax) { total += pages[indices[end]].length; end += 1 }
        var buffer = [UInt8](repeating: 0, count: total)
        var ranges: [Range<Int>] = []
        var at = 0
        for index in indices[start..<end] {
            let page = pages[index]
            let read = buffer.withUnsafeMutableBytes { raw in
                try? FileBytes.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[at..<(at + page.length)]), at: page.offset)
            }
            guard read == page.length else { throw fail(Message(.pageCouldNotBeRead, index)) }
            ranges.append(at..<(at + page.length))
            at += page.length
        }
        let digests = Checkpoint.digests(of: buffer, ranges)
        for (offset, index) in indices[start..<end].enumerated() where digests[offset] != pages[index].digest {
            throw fail(Message(.pageDoesNotMatchIts, index))
        }
        return (end, buffer, ranges)
    }

    /// Marks the checkpoint unusable, once, and says why.
    public func fail(_ reason: Message) -> CheckpointUnusable {
        if let failure { return failure }
        let failure = CheckpointUnusable(path: path, reason: reason)
        self.failure = failure
        movedTo = failed(failure)
        return failure
    }

    // MARK: - Projects' parts

    /// The parts of `projects` that the checkpoint holds, each from the one page that can hold
    /// it (a fingerprint's parts never span two), the pages read together.
    func parts(of projects: Set<String>) throws -> [String: ProjectSummary] {
        var wanted: [Int: [(project: String, fingerprint: UInt64)]] = [:]
        for project in projects {
            let fingerprint = Fingerprint.of(project)
            let count = FingerprintSearch.count(partPages.count, key: { pages[partPages[$0]].firstKey }) { $0 <= fingerprint }
            if count > 0 { wanted[count - 1, default: []].append((project, fingerprint)) }
        }
        let loaded = try load(wanted.keys.map { partPages[$0] })
        var found: [String: ProjectSummary] = [:]
        for (number, names) in wanted {
            let bytes = loaded[partPages[number]]![...]
            let parts = try parts(onPage: number, bytes)
            for (project, fingerprint) in names {
                guard let part = parts.first(where: { $0.fingerprint == fingerprint && bytes[$0.id].elementsEqual(project.utf8) }) else { continue }
                guard let decoded = decodedPart(bytes[part.bytes], of: project) else { throw fail(Message(.partOfIsMalformed, project)) }
                found[project] = decoded
            }
        }
        return found
    }

    /// The part of `project`, whose bytes on its page are `bytes`, decoded; nil when malformed.
    func decodedPart(_ bytes: ArraySlice<UInt8>, of project: String) -> ProjectSummary? {
        if let kept = decodedParts[project] { return kept }
        guard let decoded = Checkpoint.decodePart(bytes, project: project, within: position) else { return nil }
        if decodedBytes + bytes.count <= Self.decodedBytesMax {
            decodedParts[project] = decoded
            decodedBytes += bytes.count
        }
        return decoded
    }

    /// The parts of S page number `number` (of `partPages`), checked to lie in its key range.
    func parts(onPage number: Int, _ bytes: ArraySlice<UInt8>) throws -> [Checkpoint.PagePart] {
        let page = pages[partPages[number]]
        let nextKey = number + 1 < partPages.count ? pages[partPages[number + 1]].firstKey : nil
        guard let parts = Checkpoint.parts(onPage: bytes), let first = parts.first, first.fingerprint == page.firstKey,
              nextKey.map({ parts.last!.fingerprint < $0 }) ?? true else { throw fail(Message(.pageIsMalformed, partPages[number])) }
        return parts
    }

    /// Every project's part, decoded, in the order of the pages.
    func forEachPart(_ visit: (String, ProjectSummary) throws -> Void) throws {
        let numbers = Dictionary(uniqueKeysWithValues: partPages.enumerated().map { ($1, $0) })
        try forEachPage(partPages) { index, bytes in
            for part in try parts(onPage: numbers[index]!, bytes) {
                let project = String(decoding: bytes[part.id], as: UTF8.self)
                guard let decoded = Checkpoint.decodePart(bytes[part.bytes], project: project, within: position) else {
                    throw fail(Message(.partOfIsMalformed, project))
                }
                try visit(project, decoded)
            }
        }
    }

    // MARK: - Keys and vouchers

    var hasKeys: Bool { !keyPages.isEmpty }
    var hasVouchers: Bool { !voucherPages.isEmpty }

    /// The seqs of client keys whose fingerprint is `fingerprint`.
    func keySeqs(_ fingerprint: UInt64) throws -> [Int64] { try seqs(fingerprint, in: keyPages) }

    /// The seqs of events whose voucher's fingerprint is `fingerprint`.
    func voucherSeqs(_ fingerprint: UInt64) throws -> [Int64] { try seqs(fingerprint, in: voucherPages) }

    private func seqs(_ fingerprint: UInt64, in numbered: [Int]) throws -> [Int64] {
        var seqs: [Int64] = []
        for number in FingerprintSearch.blocks(holding: fingerprint, count: numbered.count, firstKey: { pages[numbered[$0]].firstKey }) {
            seqs += FingerprintSearch.seqs(fingerprint, in: try indexEntries(onPage: number, of: numbered))
        }
        return seqs
    }

    /// The entries of page number `number` of `numbered` (K or U pages), checked to ascend from its first key.
    func indexEntries(onPage number: Int, of numbered: [Int]) throws -> [KeyIndex.Entry] {
        let index = numbered[number]
        let bytes = try page(index)
        guard let entries = Checkpoint.keyEntries(bytes[...]), entries.first?.fingerprint == pages[index].firstKey else {
            throw fail(Message(.pageIsMalformed, index))
        }
        return entries
    }

    /// Every client key entry, ascending, a few MiB of pages at a time, for a `KeyEntryStream`.
    func keyChunks() -> KeyEntryStream.Chunks { indexChunks(keyPages) }

    /// Every voucher entry, ascending (see `keyChunks`).
    func voucherChunks() -> KeyEntryStream.Chunks { indexChunks(voucherPages) }

    private func indexChunks(_ numbered: [Int]) -> KeyEntryStream.Chunks {
        var start = 0
        var last: KeyIndex.Entry?
        return { [self] in
            guard start < numbered.count else { return nil }
            // A MiB at a time: a stream of keys holds a chunk of each of its sources at once.
            let batch = try readBatch(numbered, from: start, bytesMax: 1 << 20)
            var chunk: [KeyIndex.Entry] = []
            chunk.reserveCapacity(batch.bytes.count / KeyIndex.Entry.bytes)
            for (offset, index) in numbered[start..<batch.end].enumerated() {
                guard let entries = Checkpoint.keyEntries(batch.bytes[batch.ranges[offset]]), entries.first?.fingerprint == pages[index].firstKey,
                      last.map({ $0 < entries[0] }) ?? true else { throw fail(Message(.pageIsMalformed, index)) }
                chunk += entries
                last = entries.last
            }
            start = batch.end
            return chunk
        }
    }

}

extension Checkpoint {
    /// The page table: the position it covers and its pages; nil unless every line is well formed,
    /// the pages lie in file order before the table without overlapping, and each kind's first keys ascend.
    static func table(_ table: ArraySlice<UInt8>, pagesEndAt end: Int64) -> (JournalPosition, [Page])? {
        var lines = LineSequence(bytes: table)
        guard let header = lines.next().map({ String(decoding: $0, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false) }),
              header.count == 5, header[0] == "budget-checkpoint", header[1] == "\(version)",
              let seq = Int64(header[2]), seq >= 0, let hash = SHA256Digest(hex: String(header[3])), let offset = Int64(header[4]), offset >= 0
        else { return nil }
        var pages: [Page] = []
        var lastKey: [PageKind: UInt64] = [:]
        var nextOffset: Int64 = 0
        while let line = lines.next() {
            let fields = line.split(separator: 0x20, omittingEmptySubsequences: false)
            guard fields.count == 6, fields[0].elementsEqual("P".utf8), fields[1].count == 1, let kind = PageKind(rawValue: fields[1].first!),
                  let pageOffset = integer(fields[2]), let length = integer(fields[3]), length > 0,
                  let firstKey = unsignedInteger(fields[4]),
                  let digest = fields[5].withUnsafeBytes({ SHA256Digest(lowercaseHexBytes: $0) }),
                  pageOffset >= nextOffset, pageOffset + length <= end
            else { return nil }
            switch kind {
            case .sections: guard lastKey[kind].map({ $0 < firstKey }) ?? true else { return nil }
            case .keys, .vouchers: guard lastKey[kind].map({ $0 <= firstKey }) ?? true else { return nil }
            case .lines: break   // checked against the entries read
            case .wide, .suspects, .dates: guard firstKey == 0 else { return nil }
            }
            lastKey[kind] = firstKey
            nextOffset = pageOffset + length
            pages.append(Page(kind: kind, offset: pageOffset, length: Int(length), firstKey: firstKey, digest: digest))
        }
        return (JournalPosition(head: JournalHead(seq: seq, hash: hash), offset: offset), pages)
    }

    /// A K page's entries; nil unless it is whole entries, strictly ascending.
    static func keyEntries(_ bytes: ArraySlice<UInt8>) -> [KeyIndex.Entry]? {
        guard !bytes.isEmpty, bytes.count % KeyIndex.Entry.bytes == 0 else { return nil }
        let entries = bytes.withUnsafeBytes { raw in
            (0..<(raw.count / KeyIndex.Entry.bytes)).map { KeyIndex.Entry(loadingFrom: raw.baseAddress! + $0 * KeyIndex.Entry.bytes) }
        }
        for index in entries.indices.dropFirst() where !(entries[index - 1] < entries[index]) { return nil }
        return entries
    }

    /// An L page's entries, numbered from `firstEntry`; nil unless entry k stands before event
    /// k × 1,024 + 1, at rising offsets within the journal up to `position`.
    static func lineIndex(_ bytes: [UInt8], firstEntry: Int, within position: JournalPosition) -> [JournalPosition]? {
        guard !bytes.isEmpty, bytes.count % lineEntryBytes == 0 else { return nil }
        var entries: [JournalPosition] = []
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            for index in 0..<(raw.count / lineEntryBytes) {
                let at = raw.baseAddress! + index * lineEntryBytes
                let offset = Int64(littleEndian: at.loadUnaligned(as: Int64.self))
                let seq = Int64(littleEndian: at.loadUnaligned(fromByteOffset: 8, as: Int64.self))
                let hash = SHA256Digest(rawBytes: UnsafeRawBufferPointer(start: at + 16, count: 32))
                guard seq == Int64(firstEntry + index) * JournalSummary.seqsPerIndexEntry, offset >= 0, offset <= position.offset,
                      entries.last.map({ $0.offset < offset }) ?? true else { return false }
                entries.append(JournalPosition(head: JournalHead(seq: seq, hash: hash), offset: offset))
            }
            return true
        }
        return ok ? entries : nil
    }

    /// A line index entry as an L page stores it.
    static func write(_ entry: JournalPosition, to out: inout ByteWriter) {
        withUnsafeBytes(of: entry.offset.littleEndian) { out.bytes += $0 }
        withUnsafeBytes(of: entry.head.seq.littleEndian) { out.bytes += $0 }
        out.bytes += entry.head.hash.bytes
    }
}
