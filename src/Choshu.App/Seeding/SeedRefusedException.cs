namespace Choshu.App.Seeding;

/// <summary>The store is not one the synthetic city may be written to; the message (Japanese) says why and what to do.</summary>
public sealed class SeedRefusedException(string message) : Exception(message);
