namespace Clearwind.Privacy;

/// <summary>Kinds of personal identifier; each is normalised its own way before keying.</summary>
public enum IdentifierKind
{
    /// <summary>Phone number: digits only, a leading +86 or 0086 country code dropped.</summary>
    Phone,

    /// <summary>Postal address: trimmed, whitespace collapsed, case folded.</summary>
    Address,

    /// <summary>Payment account.</summary>
    PaymentAccount,

    /// <summary>Device id.</summary>
    Device,

    /// <summary>Any other personal identifier (e-mail, ID-card number) found among unknown fields.</summary>
    Other,
}
