namespace RiskMap.Api.Features.Import;

/// <summary>Imports boundaries, enterprises and records.</summary>
public sealed class ImportService;
