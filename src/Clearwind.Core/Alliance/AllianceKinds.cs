using Clearwind.Privacy;

namespace Clearwind.Alliance;

/// <summary>The kinds of identifier partner platforms exchange (SPEC §5).</summary>
public static class AllianceKinds
{
    /// <summary>A phone number.</summary>
    public const string Phone = "phone";

    /// <summary>A device id.</summary>
    public const string Device = "device";

    /// <summary>A payment account.</summary>
    public const string PaymentAccount = "payment_account";

    /// <summary>A delivery address.</summary>
    public const string Address = "address";

    /// <summary>An account handle on the source platform.</summary>
    public const string Account = "account";

    /// <summary>A brushing website (its host name).</summary>
    public const string Website = "website";

    /// <summary>A chat group used to hand out brushing tasks.</summary>
    public const string ChatGroup = "chat_group";

    /// <summary>Every kind, in the order files list them.</summary>
    public static readonly IReadOnlyList<string> All = [Phone, Device, PaymentAccount, Address, Account, Website, ChatGroup];

    /// <summary>The alliance kind of a personal identifier, or null for kinds not exchanged.</summary>
    public static string? Of(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Phone => Phone,
        IdentifierKind.Device => Device,
        IdentifierKind.PaymentAccount => PaymentAccount,
        IdentifierKind.Address => Address,
        _ => null,
    };

    /// <summary>The keying kind for an alliance kind: personal ones normalise as the platform's keyer does.</summary>
    internal static IdentifierKind KeyingKind(string kind) => kind switch
    {
        Phone => IdentifierKind.Phone,
        Device => IdentifierKind.Device,
        PaymentAccount => IdentifierKind.PaymentAccount,
        Address => IdentifierKind.Address,
        _ => IdentifierKind.Other,
    };
}
