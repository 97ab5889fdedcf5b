namespace Clearwind.Service.Security;

/// <summary>
/// The roles an API key carries. Staff roles: <see cref="Admin"/> (everything, and keys), <see cref="Analyst"/>
/// (trust-and-safety: reads everything, tests rules), <see cref="Reviewer"/> (staff who work the review queue and make
/// final calls). Outside roles: <see cref="Seller"/> (only their own shops), <see cref="Juror"/> (only anonymised cases
/// assigned to them), <see cref="Search"/> (signals only), <see cref="Partner"/> (alliance only), and
/// <see cref="Ingest"/> (the platform's event feed: writes events, reads nothing else).
/// </summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Reviewer = "reviewer";
    public const string Seller = "seller";
    public const string Juror = "juror";
    public const string Search = "search";
    public const string Partner = "partner";
    public const string Ingest = "ingest";

    /// <summary>Every role.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Reviewer, Seller, Juror, Search, Partner, Ingest];

    /// <summary>The claim listing a seller key's shops (one claim per shop).</summary>
    public const string ShopClaim = "clearwind:shop";

    /// <summary>The claim naming a juror key's account.</summary>
    public const string AccountClaim = "clearwind:account";
}
