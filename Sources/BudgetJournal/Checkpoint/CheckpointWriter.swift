import BudgetText
import BudgetModel
#if canImport(Glibc)
import Glibc
#endif

/// Writes a checkpoint file page by page (see `Checkpoint`): pages nothing changed are copied
/// from the checkpoint it replaces with their digests, new pages are hashed in batches on both
/// cores. Memory stays at a batch of pages, however many projects the journal holds.
struct CheckpointWriter {
    let fd: Int32
    private(set) var pages: [Checkpoint.Page] = []
    private var offset: Int64 = 0
    /// Pages not yet written, in order: new ones (their bytes in `batch`, hashed together when
    /// written) and ones copied from another checkpoint.
    private var pending: [Pending] = []
    private var batch: [UInt8] = []

    private enum Pending {
        case new(kind: Checkpoint.PageKind, firstKey: UInt64, bytes: Range<Int>)
        case copied(source: CheckpointImage, index: Int)
    }

    static let batchBytes = 1 << 20
    static let pendingMax = 8_192

    init(fd: Int32) { self.fd = fd }

    /// A new page.
    mutating func add(_ kind: Checkpoint.PageKind, firstKey: UInt64, _ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        pending.append(.new(kind: kind, firstKey: firstKey, bytes: batch.count..<(batch.count + bytes.count)))
        batch += bytes
        if batch.count >= Self.batchBytes || pending.count >= Self.pendingMax { try flush() }
    }

    /// A page of `source`, copied as it stands with its digest. Its bytes are not checked here:
    /// a page that does not match its digest is refused by whoever reads it, here or later.
    mutating func copy(_ index: Int, of source: CheckpointImage) throws {
        pending.append(.copied(source: source, index: index))
        if pending.count >= Self.pendingMax { try flush() }
    }

    /// Hashes the new pages together (in lanes, on both cores: one at a time, a lane of eight
    /// would hash alone), then writes everything pending in order, copied pages in runs.
    private mutating func flush() throws {
        var ranges: [Range<Int>] = []
        for case .new(_, _, let bytes) in pending { ranges.append(bytes) }
        var digests = Checkpoint.digests(of: batch, ranges)[...]
        var run: (source: CheckpointImage, from: Int64, length: Int)?
        func writeRun() throws {
            guard let current = run else { return }
            run = nil
            // Copied by the kernel, file to file, without passing through this process.
            var from = Int(current.from)
            var left = current.length
            while left > 0 {
                let sent = sendfile(fd, current.source.fd, &from, left)
                if sent < 0 && errno == EINTR { continue }
                guard sent > 0 else { throw CheckpointUnusable(path: current.source.path, reason: Message(.itCouldNotBeCopied, errno == 0 ? Message(.itEndedEarly) : Message.system(errno))) }
                left -= sent
            }
        }
        var newRun: Range<Int>?
        func writeNew() throws {
            guard let range = newRun else { return }
            newRun = nil
            try batch.withUnsafeBytes { raw in try FileBytes.write(UnsafeRawBufferPointer(rebasing: raw[range]), to: fd) }
        }
        for item in pending {
            switch item {
            case .new(let kind, let firstKey, let bytes):
                try writeRun()
                pages.append(Checkpoint.Page(kind: kind, offset: offset, length: bytes.count, firstKey: firstKey, digest: digests.removeFirst()))
                newRun = newRun.map { $0.lowerBound..<bytes.upperBound } ?? bytes
                offset += Int64(bytes.count)
            case .copied(let source, let index):
                try writeNew()
                let page = source.pages[index]
                if let current = run, current.source === source, current.from + Int64(current.length) == page.offset, current.length < 4 << 20 {
                    run!.length += page.length
                } else {
                    try writeRun()
                    run = (source, page.offset, page.length)
                }
                pages.append(Checkpoint.Page(kind: page.kind, offset: offset, length: page.length, firstKey: page.firstKey, digest: page.digest))
                offset += Int64(page.length)
            }
        }
        try writeNew()
        try writeRun()
        pending.removeAll(keepingCapacity: true)
        batch.removeAll(keepingCapacity: true)
    }

    /// The page table and the footer that authenticates it.
    mutating func finish(position: JournalPosition, key: CheckpointKey) throws {
        try flush()
        var table = Checkpoint.ByteWriter()
        table.text("budget-checkpoint \(Checkpoint.version) \(position.head.seq) \(position.head.hash.hex) \(position.offset)\n")  // not prose: the page table's header line in the file format
        for page in pages {
            table.text("P "); table.byte(page.kind.rawValue); table.byte(0x20); table.integer(page.offset); table.byte(0x20)
            table.integer(Int64(page.length)); table.byte(0x20); table.text(String(page.firstKey)); table.byte(0x20)
            table.text(page.digest.hex); table.newline()
        }
        let tableOffset = offset
        var footer = Array("mac ".utf8)  // not prose: the footer's tag in the file format
        DecimalDigits.append(UInt64(tableOffset), minimumDigits: 20, to: &footer)
        footer += Array(" \(Checkpoint.mac(table: table.bytes[...], key: key).hex)\n".utf8)
        try FileBytes.write(table.bytes + footer, to: fd)
    }
}

/// Packs projects' parts, in order, into S pages of about `Checkpoint.pageBytesTarget`, never
/// splitting the parts of one fingerprint across two.
struct PartPacker {
    private var page: [UInt8] = []
    private var firstKey: UInt64 = 0
    private var lastKey: UInt64?

    mutating func add(_ fingerprint: UInt64, _ bytes: ArraySlice<UInt8>, to writer: inout CheckpointWriter) throws {
        if let lastKey, lastKey != fingerprint, page.count + bytes.count > Checkpoint.pageBytesTarget { try seal(to: &writer) }
        if page.isEmpty { firstKey = fingerprint }
        page += bytes
        lastKey = fingerprint
    }

    mutating func seal(to writer: inout CheckpointWriter) throws {
        guard !page.isEmpty else { return }
        try writer.add(.sections, firstKey: firstKey, page)
        page.removeAll(keepingCapacity: true)
        lastKey = nil
    }
}

extension Checkpoint {
    /// Writes the pages of `summary` into `writer`: its base's pages where nothing was absorbed
    /// into them, new pages for the rest.
    static func writePages(of summary: JournalSummary, suspects: Set<String>, to writer: inout CheckpointWriter) throws {
        // The keys absorbed are sorted on the other core while the parts are written: after an
        // import, the append waits for this checkpoint, on one core, and the other is idle.
        let keyIndex = summary.keyIndex
        let keys = Background { keyIndex.entries() }
        defer { keys.wait() }
        try writeParts(of: summary, to: &writer)
        try writeIndex(.keys, try keys.get(), base: summary.base?.keyPages ?? [], of: summary, to: &writer)
        try writeIndex(.vouchers, summary.voucherIndex.entries(), base: summary.base?.voucherPages ?? [], of: summary, to: &writer)
        // The line index only grows: the base's pages stand, the absorbed entries follow.
        let base = summary.base
        for index in base?.pages.indices.filter({ base!.pages[$0].kind == .lines }) ?? [] { try writer.copy(index, of: base!) }
        let absorbed = summary.absorbedLineIndex
        var first = 0
        while first < absorbed.count {
            var out = ByteWriter()
            let end = min(absorbed.count, first + lineEntriesPerPage)
            for entry in absorbed[first..<end] { write(entry, to: &out) }
            try writer.add(.lines, firstKey: UInt64((base?.lineIndex.count ?? 0) + first), out.bytes)
            first = end
        }
        var wide = ByteWriter()
        for line in summary.wideLines {
            write(line, to: &wide)
            if wide.bytes.count >= pageBytesTarget { try writer.add(.wide, firstKey: 0, wide.bytes); wide = ByteWriter() }
        }
        try writer.add(.wide, firstKey: 0, wide.bytes)
        var named = ByteWriter()
        for project in suspects.sorted() {
            named.text(project); named.newline()
            if named.bytes.count >= pageBytesTarget { try writer.add(.suspects, firstKey: 0, named.bytes); named = ByteWriter() }
        }
        try writer.add(.suspects, firstKey: 0, named.bytes)
        var dates = ByteWriter()
        for (date, seq) in summary.lastSeqByDate {
            dates.date(date); dates.tab(); dates.integer(seq); dates.newline()
            if dates.bytes.count >= pageBytesTarget { try writer.add(.dates, firstKey: 0, dates.bytes); dates = ByteWriter() }
        }
        try writer.add(.dates, firstKey: 0, dates.bytes)
    }

    /// The S pages: each of the base's that no absorbed project falls in is copied; the others are
    /// read, their parts merged with the absorbed ones in order, and packed anew.
    private static func writeParts(of summary: JournalSummary, to writer: inout CheckpointWriter) throws {
        let updates = summary.absorbedProjects.map { (fingerprint: Fingerprint.of($0), project: $0) }.sorted(by: precedes)
        var packer = PartPacker()
        func encoded(_ project: String, _ part: ProjectSummary) -> ArraySlice<UInt8> {
            var out = ByteWriter()
            write(part: part, of: project, to: &out)
            return out.bytes[...]
        }
        var next = 0
        if let base = summary.base {
            for (number, index) in base.partPages.enumerated() {
                let nextKey = number + 1 < base.partPages.count ? base.pages[base.partPages[number + 1]].firstKey : nil
                let first = next
                while next < updates.count && (nextKey.map { updates[next].fingerprint < $0 } ?? true) { next += 1 }
                guard next > first else {
                    try packer.seal(to: &writer)
                    try writer.copy(index, of: base)
                    continue
                }
                let bytes = try base.page(index)[...]
                let parts = try base.parts(onPage: number, bytes)
                var p = 0, u = first
                while p < parts.count || u < next {
                    let takePart = u == next || (p < parts.count && precedes(bytes[parts[p].id], parts[p].fingerprint, updates[u]))
                    if takePart {
                        try packer.add(parts[p].fingerprint, bytes[parts[p].bytes], to: &writer)
                        p += 1
                    } else if p < parts.count && bytes[parts[p].id].elementsEqual(updates[u].project.utf8) {
                        guard let earlier = base.decodedPart(bytes[parts[p].bytes], of: updates[u].project) else {
                            throw base.fail(Message(.partOfIsMalformed, updates[u].project))
                        }
                        try packer.add(updates[u].fingerprint, encoded(updates[u].project, earlier.followed(by: summary.absorbedPart(updates[u].project)!)), to: &writer)
                        p += 1; u += 1
                    } else {
                        try packer.add(updates[u].fingerprint, encoded(updates[u].project, summary.absorbedPart(updates[u].project)!), to: &writer)
                        u += 1
                    }
                }
            }
        }
        for update in updates[next...] { try packer.add(update.fingerprint, encoded(update.project, summary.absorbedPart(update.project)!), to: &writer) }
        try packer.seal(to: &writer)
    }

    /// The K (or U) pages: each of the base's that no absorbed entry falls in is copied; the
    /// others take their new entries in order and are split anew. The absorbed entries come as a
    /// stream, and pages go out as they fill: ten million keys are written holding a page.
    private static func writeIndex(_ kind: PageKind, _ updates: KeyEntryStream, base numbered: [Int], of summary: JournalSummary,
                                   to writer: inout CheckpointWriter) throws {
        var updates = updates
        var page = IndexPageFiller(kind: kind)
        if let base = summary.base {
            for (number, index) in numbered.enumerated() {
                let nextKey = number + 1 < numbered.count ? base.pages[numbered[number + 1]].firstKey : nil
                func onThisPage(_ entry: KeyIndex.Entry?) -> KeyIndex.Entry? {
                    entry.flatMap { entry in nextKey.map { entry.fingerprint < $0 } ?? true ? entry : nil }
                }
                guard onThisPage(try updates.peek()) != nil else {
                    try writer.copy(index, of: base)
                    continue
                }
                let entries = try base.indexEntries(onPage: number, of: numbered)
                var taken = 0
                while true {
                    let update = onThisPage(try updates.peek())
                    if taken < entries.count, update.map({ entries[taken] < $0 }) ?? true {
                        try page.add(entries[taken], to: &writer)
                        taken += 1
                    } else if let update {
                        try page.add(update, to: &writer)
                        _ = try updates.next()
                    } else {
                        break
                    }
                }
                try page.seal(to: &writer)
            }
        }
        while let update = try updates.next() { try page.add(update, to: &writer) }
        try page.seal(to: &writer)
    }
}

/// Fills K (or U) pages of `Checkpoint.keyEntriesPerPage` entries, in order, and hands each to
/// the writer when it is full or sealed.
struct IndexPageFiller {
    let kind: Checkpoint.PageKind
    private var entries: [KeyIndex.Entry] = []

    init(kind: Checkpoint.PageKind) { self.kind = kind }

    mutating func add(_ entry: KeyIndex.Entry, to writer: inout CheckpointWriter) throws {
        entries.append(entry)
        if entries.count == Checkpoint.keyEntriesPerPage { try seal(to: &writer) }
    }

    mutating func seal(to writer: inout CheckpointWriter) throws {
        guard let first = entries.first else { return }
        var bytes = [UInt8](repeating: 0, count: entries.count * KeyIndex.Entry.bytes)
        bytes.withUnsafeMutableBytes { raw in
            for (offset, entry) in entries.enumerated() { entry.store(to: raw.baseAddress! + offset * KeyIndex.Entry.bytes) }
        }
        try writer.add(kind, firstKey: first.fingerprint, bytes)
        entries.removeAll(keepingCapacity: true)
    }
}
