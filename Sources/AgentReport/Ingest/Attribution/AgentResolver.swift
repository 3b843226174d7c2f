/// The name the coordination parsers (progress log, memory bank) know the attribution
/// service by: there is one service, `AgentAttribution`, and this is it.
public typealias AgentResolver = AgentAttribution
