using Microsoft.EntityFrameworkCore;

namespace TiersPayant.Data;

/// <summary>The platform's database: the unit of work of every module.</summary>
public sealed class TiersPayantDbContext(DbContextOptions<TiersPayantDbContext> options) : DbContext(options);
