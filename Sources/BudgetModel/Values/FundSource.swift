#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BudgetText

/// 资金来源: where a project's money comes from. The forms have one row for each, and a total.
public enum FundSource: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// 当年财政拨款: this year's appropriation.
    case current
    /// 上年结转资金: money carried over from a project of an earlier year.
    case carryover
    /// 其他资金: other funds, such as interest or transfers from other bodies.
    case other

    /// The row label the forms print.
    public var label: String {
        switch self {
        case .current: return "当年财政拨款"
        case .carryover: return "上年结转资金"
        case .other: return "其他资金"
        }
    }

    public var description: String { rawValue }

    /// The source's place in `allCases`, without making that array (a payment's totals are
    /// keyed by it, a million times in a large journal).
    public var ordinal: Int {
        switch self {
        case .current: 0
        case .carryover: 1
        case .other: 2
        }
    }

    /// Hashed by its place, not by its raw text (which a raw-valued enum hashes by default):
    /// every fund balance and payment total is looked up by source.
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// The source in a sentence: its id in English, where the reader types it; the form's row
    /// label in Chinese.
    public var message: Message {
        switch self {
        case .current: Message(.sourceCurrentName)
        case .carryover: Message(.sourceCarryoverName)
        case .other: Message(.sourceOtherName)
        }
    }
}

extension FundSource {
    /// The source these bytes name, as `init(rawValue:)` reads a String: an import reads one
    /// for every row, and made a String of each only to compare it. Compared with each name's
    /// bytes in place: a table of the names as arrays retained and released each one, every row.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return nil }
        func named(_ name: StaticString) -> Bool { name.utf8CodeUnitCount == bytes.count && memcmp(name.utf8Start, base, bytes.count) == 0 }
        // Every case, by the text `rawValue` gives it (a test holds the two together).
        if named("current") { self = .current } else if named("carryover") { self = .carryover } else if named("other") { self = .other } else { return nil }
    }
}
