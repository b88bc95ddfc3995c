using Choshu.Domain;

namespace Choshu.App.Accounts;

/// <summary>An account operation refused by a rule (individual IDs, password policy, exclusive roles…); the message is for staff, in Japanese.</summary>
public sealed class AccountException(string code, string message) : DomainException(code, message);
