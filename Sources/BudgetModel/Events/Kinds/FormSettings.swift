import BudgetText

/// 表式设置: how the forms of this journal are titled when handed in — the region in the title
/// (`自治区` in `自治区项目支出绩效自评表`) and the attachment number above it (`附件5`), as the
/// finance department's notice prints them. A later setting supersedes each value it states.
public struct FormSettings: Equatable, Sendable {
    public internal(set) var region: String?
    public internal(set) var attachment: String?

    public init(region: String? = nil, attachment: String? = nil) { self.region = region; self.attachment = attachment }

    /// These settings with each value `later` states put in place.
    public func updated(by later: FormSettings) -> FormSettings {
        FormSettings(region: later.region ?? region, attachment: later.attachment ?? attachment)
    }
}

extension FormSettings: EventPayload {
    public static let kind = EventKind(name: "settings.set", label: "表式设置")
    public static let fields: [EventField<Self>] = [.optional("region", \.region), .optional("attachment", \.attachment)]
    public static let blank = FormSettings()
    /// A setting is changed by setting it again.
    public static let isReversible = false
    public var body: EventBody { .settingsSet(self) }
    /// Settings apply to every form of the journal.
    public var recordedAgainst: String? { nil }
    public var summary: Message { (region.map { Message(.summaryRegion, $0) } ?? Message(verbatim: "")) + (region != nil && attachment != nil ? " " : "") + (attachment.map { Message(.summaryAttachment, $0) } ?? Message(verbatim: "")) }
    public var shapeProblem: Message? { region == nil && attachment == nil ? Message(.settingStatesNeitherRegionNor) : nil }
}
