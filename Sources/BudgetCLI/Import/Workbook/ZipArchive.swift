import BudgetText
import BudgetReports

/// The members of a ZIP archive (an .xlsx workbook is one), read from its central directory:
/// stored or deflated, each checked against its CRC-32. ZIP64, encryption and multi-disk
/// archives, which no spreadsheet export uses, are refused with a reason.
struct ZipArchive {
    struct Failure: Error, CustomStringConvertible {
        let reason: Message
        var description: String { reason.description }
        var explanation: Message { reason }
    }

    struct Member {
        let name: String
        let method: Int
        let flags: Int
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeader: Int
    }

    let bytes: [UInt8]
    let members: [String: Member]

    /// The most one member may decompress to: a workbook's sheet of a hundred thousand rows is tens of megabytes.
    static let memberBytesMax = 512 << 20

    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        // The end of central directory record: 22 bytes, followed by a comment of up to 65,535.
        guard bytes.count >= 22 else { throw Failure(reason: Message(.itIsTooShortTo)) }
        var end: Int?
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65_535) {
            if Self.u32(bytes, at) == 0x0605_4B50 { end = at; break }
            at -= 1
        }
        guard let end else { throw Failure(reason: Message(.itIsNotZIPArchive)) }
        let count = Self.u16(bytes, end + 10), size = Int(Self.u32(bytes, end + 12)), offset = Int(Self.u32(bytes, end + 16))
        guard Self.u16(bytes, end + 4) == 0, count != 0xFFFF, offset != 0xFFFF_FFFF else { throw Failure(reason: Message(.zIPOrMultiDiskArchive)) }
        guard offset + size <= end else { throw Failure(reason: Message(.itsCentralDirectoryLiesOutside)) }
        var members: [String: Member] = [:]
        var entry = offset
        for _ in 0..<count {
            guard entry + 46 <= end, Self.u32(bytes, entry) == 0x0201_4B50 else { throw Failure(reason: Message(.itsCentralDirectoryIsDamaged)) }
            let nameLength = Self.u16(bytes, entry + 28), extraLength = Self.u16(bytes, entry + 30), commentLength = Self.u16(bytes, entry + 32)
            guard entry + 46 + nameLength <= end else { throw Failure(reason: Message(.itsCentralDirectoryIsDamaged)) }
            let name = String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self)
            members[name] = Member(name: name, method: Self.u16(bytes, entry + 10), flags: Self.u16(bytes, entry + 8),
                                   crc: Self.u32(bytes, entry + 16), compressedSize: Int(Self.u32(bytes, entry + 20)),
                                   size: Int(Self.u32(bytes, entry + 24)), localHeader: Int(Self.u32(bytes, entry + 42)))
            entry += 46 + nameLength + extraLength + commentLength
        }
        self.members = members
    }

    /// The bytes of member `name`, or nil when the archive has none of that name.
    func member(_ name: String) throws(Failure) -> [UInt8]? {
        guard let member = members[name] else { return nil }
        guard member.flags & 1 == 0 else { throw Failure(reason: Message(.isEncrypted, name)) }
        let header = member.localHeader
        guard header + 30 <= bytes.count, Self.u32(bytes, header) == 0x0403_4B50 else { throw Failure(reason: Message(.itsLocalHeaderIsDamaged, name)) }
        let start = header + 30 + Self.u16(bytes, header + 26) + Self.u16(bytes, header + 28)
        guard start + member.compressedSize <= bytes.count else { throw Failure(reason: Message(.runsPastEndOfArchive, name)) }
        let stored = Array(bytes[start..<(start + member.compressedSize)])
        let data: [UInt8]
        switch member.method {
        case 0: data = stored
        case 8:
            do { data = try Inflate.inflate(stored, limit: min(Self.memberBytesMax, max(member.size, 1))) } catch {
                throw Failure(reason: Message(.cannotBeDecompressed, name, error.reason))
            }
        default: throw Failure(reason: Message(.isCompressedWithMethodWhich, name, member.method))
        }
        guard data.count == member.size, CRC32.checksum(data) == member.crc else { throw Failure(reason: Message(.isDamagedItsSizeOr, name)) }
        return data
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> Int {
        guard at >= 0, at + 2 <= bytes.count else { return 0 }
        return Int(bytes[at]) | Int(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
