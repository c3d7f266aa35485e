import BudgetText

/// Why a ZIP archive could not be written. Each case names the entry at fault.
public enum ZipError: Error, Equatable, Sendable {
    /// A path that is empty, absolute, has `..`, `.` or empty segments, a backslash or a control
    /// character: readers would extract it outside the target folder or not at all.
    case invalidPath(String)
    case duplicatePath(String)
    /// More than 65,535 entries, an entry of 4 GiB or more, or an archive past 4 GiB: the fields
    /// of plain ZIP are 16 and 32 bits, and this writer has no ZIP64 on purpose (an .xlsx that
    /// large is not one a person opens).
    case tooLarge(String)
}

/// Writes ZIP archives (PKWARE APPNOTE 6.3) whose entries are STORED, that is not compressed.
///
/// Stored entries need no deflate implementation, and Excel, LibreOffice, Python's `zipfile` and
/// `unzip` all read them. Output is deterministic: every entry carries the same DOS timestamp
/// (1980-01-01 00:00:00, the earliest DOS date), no extra fields and no comments, so the same
/// entries always give the same bytes and a generated report can be compared byte for byte.
public enum ZipWriter {
    /// Largest value a 32-bit size or offset field may hold; 0xFFFFFFFF itself means "see ZIP64".
    static let maximumSize = 0xFFFF_FFFE
    /// Largest entry count the 16-bit fields of the end record may hold (0xFFFF means ZIP64).
    static let maximumEntries = 0xFFFE

    /// The archive holding `entries` in the given order.
    ///
    /// Paths are `/`-separated and relative (`xl/workbook.xml`); they are written in UTF-8 with
    /// general-purpose flag bit 11 set, which tells readers the name is UTF-8 and not CP437.
    public static func stored(_ entries: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        guard entries.count <= maximumEntries else { throw ZipError.tooLarge(Message(.zipEntries, entries.count).description) }
        var archive: [UInt8] = []
        var central: [UInt8] = []
        var seen = Set<String>()
        archive.reserveCapacity(entries.reduce(0) { $0 + $1.bytes.count + 30 + $1.path.utf8.count })

        for entry in entries {
            try validate(entry.path)
            guard seen.insert(entry.path).inserted else { throw ZipError.duplicatePath(entry.path) }
            guard entry.bytes.count <= maximumSize else { throw ZipError.tooLarge(entry.path) }
            let name = Array(entry.path.utf8)
            let offset = archive.count
            guard offset <= maximumSize else { throw ZipError.tooLarge(entry.path) }
            let crc = CRC32.checksum(entry.bytes)
            let size = UInt32(entry.bytes.count)

            // Local file header (APPNOTE 4.3.7).
            archive.append(le32: 0x0403_4B50)
            archive.append(contentsOf: common(crc: crc, size: size, nameLength: name.count))
            archive.append(le16: 0)                       // extra field length
            archive.append(contentsOf: name)
            archive.append(contentsOf: entry.bytes)

            // Central directory header (APPNOTE 4.3.12).
            central.append(le32: 0x0201_4B50)
            central.append(le16: 20)                      // made by: MS-DOS host, spec 2.0, so no Unix modes
            central.append(contentsOf: common(crc: crc, size: size, nameLength: name.count))
            central.append(le16: 0)                       // extra field length
            central.append(le16: 0)                       // comment length
            central.append(le16: 0)                       // disk number start
            central.append(le16: 0)                       // internal attributes
            central.append(le32: 0)                       // external attributes
            central.append(le32: UInt32(offset))
            central.append(contentsOf: name)
        }

        let centralOffset = archive.count
        guard centralOffset <= maximumSize, central.count <= maximumSize,
              centralOffset + central.count + 22 <= maximumSize else {
            throw ZipError.tooLarge(Message(.archiveOfBytes, centralOffset + central.count).description)
        }
        archive.append(contentsOf: central)

        // End of central directory record (APPNOTE 4.3.16).
        archive.append(le32: 0x0605_4B50)
        archive.append(le16: 0)                           // this disk
        archive.append(le16: 0)                           // disk with the central directory
        archive.append(le16: UInt16(entries.count))       // entries on this disk
        archive.append(le16: UInt16(entries.count))       // entries in all
        archive.append(le32: UInt32(central.count))
        archive.append(le32: UInt32(centralOffset))
        archive.append(le16: 0)                           // comment length
        return archive
    }

    /// The fields shared, in the same order, by the local and the central header: from "version
    /// needed" through "file name length".
    private static func common(crc: UInt32, size: UInt32, nameLength: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(le16: 20)                            // version needed: 2.0
        bytes.append(le16: 1 << 11)                       // flags: bit 11, names are UTF-8
        bytes.append(le16: 0)                             // method 0: stored
        bytes.append(le16: 0)                             // time 00:00:00
        bytes.append(le16: (0 << 9) | (1 << 5) | 1)       // date 1980-01-01: years since 1980, month, day
        bytes.append(le32: crc)
        bytes.append(le32: size)                          // compressed size: the same, stored
        bytes.append(le32: size)                          // uncompressed size
        bytes.append(le16: UInt16(nameLength))
        return bytes
    }

    /// Refuses paths that could escape an extraction folder or that readers disagree on.
    static func validate(_ path: String) throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, path.utf8.count <= 0xFFFF, !path.contains("\\"),
              !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
              !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw ZipError.invalidPath(path)
        }
    }
}

fileprivate extension Array where Element == UInt8 {
    /// ZIP fields are little-endian whatever the host.
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF)); append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
