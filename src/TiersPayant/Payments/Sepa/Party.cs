namespace TiersPayant.Payments.Sepa;

/// <summary>The platform as the ordering party of a SEPA file: its name, account and bank.</summary>
internal sealed record Party(string Name, string Iban, string Bic);
