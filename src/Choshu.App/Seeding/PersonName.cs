namespace Choshu.App.Seeding;

/// <summary>A name part in kanji and in full-width katakana.</summary>
public readonly record struct PersonName(string Kanji, string Kana);
