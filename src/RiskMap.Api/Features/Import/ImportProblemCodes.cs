using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// The stable codes of everything an import says: the problems of the import endpoints, each rejected or flagged value
/// (<see cref="ImportError.Code"/>), the notes of a job and the encoding reason of a preview. Each is a key of
/// <c>Resources/Messages.resx</c> (Chinese) and <c>Messages.en.resx</c> (English) formatted with the message's
/// <c>args</c> (<see cref="ImportMessages"/>); the summary of each constant lists its arguments in placeholder order.
/// </summary>
[ProblemCodeList]
public static class ImportProblemCodes
{
    // Problems of the endpoints (title + detail).

    /// <summary>404: args: upload id.</summary>
    [ProblemTitle]
    public const string UploadUnknown = "import.upload.unknown";

    /// <summary>404: args: job id.</summary>
    [ProblemTitle]
    public const string JobUnknown = "import.job.unknown";

    /// <summary>409: the job has already finished (Succeeded, Rejected, Failed or Cancelled): nothing to cancel; args: job id.</summary>
    [ProblemTitle]
    public const string JobFinished = "import.job.finished";

    /// <summary>A job's failure text: it was cancelled and its transaction rolled back; nothing was written.</summary>
    public const string JobCancelled = "import.job.cancelled";

    /// <summary>A job's failure text: its instance stopped sending heartbeats (killed, or cut off from the database); nothing was written.</summary>
    public const string JobInstanceLost = "import.job.instance-lost";

    /// <summary>A job's failure text: its upload expired before the job ran.</summary>
    public const string JobUploadGone = "import.job.upload-gone";

    /// <summary>422: the upload cannot be read as the kind asked for; args: file name, the first reason (text); see <c>errors</c>.</summary>
    [ProblemTitle]
    public const string FileUnreadable = "import.file.unreadable";

    // Fields of the requests.

    /// <summary>The multipart field <c>file</c> is missing or empty.</summary>
    public const string FileRequired = "import.file.required";

    /// <summary>An enterprise file needs a longitude/latitude coordinate system; args: the system names.</summary>
    public const string PointsCrsRequired = "import.crs.points-required";

    /// <summary>args: value, the system names.</summary>
    public const string CrsUnknown = "import.crs.unknown";

    // The file as a whole (row 0 or row 1).

    /// <summary>args: none (the extension is the value).</summary>
    public const string TableExtension = "import.format.table-extension";

    /// <summary>args: none (the extension is the value).</summary>
    public const string BoundaryExtension = "import.format.boundary-extension";

    /// <summary>args: value, the encoding names.</summary>
    public const string EncodingUnknown = "import.encoding.unknown";

    /// <summary>args: the reader's message.</summary>
    public const string XlsxUnreadable = "import.xlsx.unreadable";

    /// <summary>args: the workbook's worksheets.</summary>
    public const string SheetUnknown = "import.xlsx.sheet-unknown";

    /// <summary>The file has no header row.</summary>
    public const string FileEmpty = "import.file.empty";

    /// <summary>args: the file's header cells.</summary>
    public const string MappingHeaderUnknown = "import.mapping.header-unknown";

    /// <summary>args: canonical column name, its Chinese header, the file's header cells.</summary>
    public const string ColumnMissing = "import.column.missing";

    /// <summary>
    /// Neither longitude and latitude nor coordinates; args: the file's header cells, the Chinese headers of longitude,
    /// latitude and coordinates.
    /// </summary>
    public const string CoordinateColumnsMissing = "import.column.coordinates-missing";

    /// <summary>A boundary file without a single township.</summary>
    public const string NoTownship = "import.file.no-township";

    /// <summary>The township codes name several districts and no district was given.</summary>
    public const string SeveralDistrictsInFile = "import.district.several-in-file";

    /// <summary>args: district code.</summary>
    public const string DistrictUnknown = "import.district.unknown";

    /// <summary>A district that is not stored and has no name to create it with; args: district code.</summary>
    public const string DistrictUnknownWithoutName = "import.district.unknown-without-name";

    /// <summary>The database holds no district.</summary>
    public const string NoDistrict = "import.district.none";

    /// <summary>The database holds several districts and none was given.</summary>
    public const string SeveralDistricts = "import.district.several";

    /// <summary>A district code that is not 6 digits.</summary>
    public const string DistrictCodeFormat = "import.district.code-format";

    /// <summary>A district file with other than one feature; args: number of features.</summary>
    public const string DistrictFeatureCount = "import.district.feature-count";

    // Boundary files.

    /// <summary>args: the JSON reader's message.</summary>
    public const string NotJson = "import.geojson.not-json";

    /// <summary>Neither a FeatureCollection nor a Feature.</summary>
    public const string NotFeatureCollection = "import.geojson.not-feature-collection";

    /// <summary>The GeoJSON <c>crs</c> member names an unknown system.</summary>
    public const string GeoJsonCrsUnknown = "import.geojson.crs-unknown";

    /// <summary>args: ring number (1 = exterior).</summary>
    public const string RingOpen = "import.geometry.ring-open";

    /// <summary>args: ring number (1 = exterior), polygon number.</summary>
    public const string RingOpenInPolygon = "import.geometry.ring-open-in-polygon";

    /// <summary>args: the reader's message.</summary>
    public const string FeatureUnreadable = "import.feature.unreadable";

    /// <summary>args: the reader's message.</summary>
    public const string GeometryUnreadable = "import.geometry.unreadable";

    /// <summary>Not a Polygon or MultiPolygon.</summary>
    public const string PolygonExpected = "import.geometry.polygon-expected";

    /// <summary>A geometry outside ±180/±90 after conversion.</summary>
    public const string GeometryOutOfRange = "import.geometry.out-of-range";

    /// <summary>args: the reader's message.</summary>
    public const string ZipUnreadable = "import.zip.unreadable";

    /// <summary>The zip holds no .shp.</summary>
    public const string ZipWithoutShapefile = "import.zip.no-shapefile";

    /// <summary>The zip holds several .shp.</summary>
    public const string ZipWithSeveralShapefiles = "import.zip.several-shapefiles";

    /// <summary>The .dbf beside the .shp is missing.</summary>
    public const string DbfMissing = "import.shapefile.dbf-missing";

    /// <summary>args: the reader's message.</summary>
    public const string ShapefileUnreadable = "import.shapefile.unreadable";

    /// <summary>The .prj names a system that is not recognised.</summary>
    public const string PrjUnknown = "import.shapefile.prj-unknown";

    /// <summary>The .cpg names an unknown code page (the text is read as GBK).</summary>
    public const string CpgUnknown = "import.shapefile.cpg-unknown";

    /// <summary>args: the reader's message.</summary>
    public const string GeoPackageUnreadable = "import.geopackage.unreadable";

    /// <summary>The GeoPackage has no feature table.</summary>
    public const string GeoPackageWithoutFeatures = "import.geopackage.no-features";

    /// <summary>The GeoPackage's spatial reference system is not recognised.</summary>
    public const string GeoPackageSrsUnknown = "import.geopackage.srs-unknown";

    /// <summary>The EPSG code is not in PostGIS's spatial_ref_sys.</summary>
    public const string EpsgUnknown = "import.crs.epsg-unknown";

    /// <summary>No system in the file and none given; args: the system names.</summary>
    public const string CrsMissing = "import.crs.missing";

    /// <summary>args: the coordinates' extent, the system.</summary>
    public const string CrsNotDegrees = "import.crs.not-degrees";

    /// <summary>args: the coordinates' extent, the system.</summary>
    public const string CrsNotMetres = "import.crs.not-metres";

    /// <summary>args: the file's system, the file's metadata, the system given.</summary>
    public const string CrsContradictsFile = "import.crs.contradicts-file";

    /// <summary>A township code is required.</summary>
    public const string TownshipCodeRequired = "import.township.code-required";

    /// <summary>A township name is required.</summary>
    public const string TownshipNameRequired = "import.township.name-required";

    /// <summary>A township code that is not 9 digits.</summary>
    public const string TownshipCodeFormat = "import.township.code-format";

    /// <summary>args: district code.</summary>
    public const string TownshipCodeOutsideDistrict = "import.township.code-outside-district";

    /// <summary>args: the feature it repeats.</summary>
    public const string FeatureDuplicate = "import.feature.duplicate";

    /// <summary>Not Subdistrict, Town or Township.</summary>
    public const string TownshipKindFormat = "import.township.kind-format";

    /// <summary>No kind property and a name without 街道/镇/乡; args: the endings.</summary>
    public const string TownshipKindUnderivable = "import.township.kind-underivable";

    /// <summary>A township code that is not stored.</summary>
    public const string TownshipUnknown = "import.township.unknown";

    // Values of table rows.

    /// <summary>An empty required cell.</summary>
    public const string ValueRequired = "import.value.required";

    /// <summary>args: length, maximum length.</summary>
    public const string ValueTooLong = "import.value.too-long";

    /// <summary>An empty required date.</summary>
    public const string DateRequired = "import.date.required";

    /// <summary>Not a date yyyy-MM-dd.</summary>
    public const string DateFormat = "import.date.format";

    /// <summary>A date outside the days a record may have (<see cref="Ranges.Day"/>); args: the range.</summary>
    public const string DateOutsideRange = "import.date.outside-range";

    /// <summary>Not a whole number ≥ 0.</summary>
    public const string NonNegativeInteger = "import.integer.non-negative";

    /// <summary>A number with an ambiguous ','.</summary>
    public const string NumberComma = "import.number.comma";

    /// <summary>Not a number.</summary>
    public const string NumberFormat = "import.number.format";

    /// <summary>Not a yes/no value.</summary>
    public const string BooleanFormat = "import.boolean.format";

    /// <summary>args: the allowed values.</summary>
    public const string OneOf = "import.one-of";

    /// <summary>args: the known sectors.</summary>
    public const string SectorUnknown = "import.sector.unknown";

    /// <summary>A number of degrees with an ambiguous ','.</summary>
    public const string DegreesComma = "import.degrees.comma";

    /// <summary>Not a number of degrees.</summary>
    public const string DegreesFormat = "import.degrees.format";

    /// <summary>A coordinate pair with several ','.</summary>
    public const string CoordinatePairCommas = "import.coordinates.commas";

    /// <summary>A coordinate cell without exactly two numbers.</summary>
    public const string CoordinatePairExpected = "import.coordinates.pair-expected";

    /// <summary>Longitude and latitude that only make sense swapped.</summary>
    public const string CoordinatesSwapped = "import.coordinates.swapped";

    /// <summary>Opening hours that are not two clock times, the first earlier (e.g. 08:00-17:30).</summary>
    public const string OpeningHoursFormat = "import.opening-hours.format";
    /// <summary>Longitude beyond ±180°.</summary>
    public const string LongitudeRange = "import.longitude.range";

    /// <summary>Latitude beyond ±90°.</summary>
    public const string LatitudeRange = "import.latitude.range";

    /// <summary>args: the district, the distance in km (WGS-84 geography).</summary>
    public const string OutsideDistrict = "import.coordinates.outside-district";

    /// <summary>args: the district, the distance in km (WGS-84 geography).</summary>
    public const string OutsideDistrictKept = "import.coordinates.outside-district-kept";

    /// <summary>args: the row it repeats.</summary>
    public const string RowDuplicate = "import.row.duplicate";

    /// <summary>A credit code no stored enterprise has.</summary>
    public const string CreditCodeUnknown = "import.credit-code.unknown";

    /// <summary>A credit code already stored while duplicates are rejected.</summary>
    public const string CreditCodeExists = "import.credit-code.exists";

    /// <summary>A department code that is not stored.</summary>
    public const string DepartmentUnknown = "import.department.unknown";

    /// <summary>An inspection reference that is not stored.</summary>
    public const string InspectionReferenceUnknown = "import.inspection-reference.unknown";

    /// <summary>An RM- reference that names nothing stored; args: the reserved prefix.</summary>
    public const string OwnReferenceUnknown = "import.reference.own-unknown";

    /// <summary>A status other than the dates say (closed on set).</summary>
    public const string StatusDatesSayClosed = "import.status.dates-say-closed";

    /// <summary>A status other than the dates say (rectified on set).</summary>
    public const string StatusDatesSayRectified = "import.status.dates-say-rectified";

    /// <summary>A status other than the dates say (neither set).</summary>
    public const string StatusDatesSayOpen = "import.status.dates-say-open";

    /// <summary>args: the day found.</summary>
    public const string DeadlineBeforeFound = "import.deadline.before-found";

    /// <summary>args: the day found.</summary>
    public const string RectifiedBeforeFound = "import.rectified.before-found";

    /// <summary>Closed before found or rectified.</summary>
    public const string ClosedBeforeRectified = "import.closed.before-rectified";

    /// <summary>A fine without an amount greater than 0.</summary>
    public const string FineAmountRequired = "import.amount.fine-required";

    /// <summary>args: the row's kind.</summary>
    public const string AmountOnlyForFines = "import.amount.only-fines";

    /// <summary>More than two decimals.</summary>
    public const string AmountDecimals = "import.amount.decimals";

    /// <summary>A negative amount of yuan.</summary>
    public const string AmountNegative = "import.amount.negative";

    /// <summary>A planned completion day before the day found; args: the day found.</summary>
    public const string PlanCompletionBeforeFound = "import.plan-completion.before-found";

    /// <summary>Delisted before listed; args: the day listed.</summary>
    public const string DelistedBeforeListed = "import.supervision.delisted-before-listed";

    /// <summary>A supervision field on a hazard that is not supervised (挂牌督办 no).</summary>
    public const string SupervisionNotSupervised = "import.supervision.not-supervised";

    /// <summary>A close-out document number (销号文号) on a hazard that is not Closed.</summary>
    public const string DocumentNumberNotClosed = "import.close-document.not-closed";

    // Unified social credit codes (GB 32100-2015).

    /// <summary>An empty credit code.</summary>
    public const string CreditCodeEmpty = "credit-code.empty";

    /// <summary>args: the code's length.</summary>
    public const string CreditCodeLength = "credit-code.length";

    /// <summary>args: the character, its position (from 1).</summary>
    public const string CreditCodeCharacter = "credit-code.character";

    /// <summary>args: the check character found, the one GB 32100-2015 gives.</summary>
    public const string CreditCodeCheckCharacter = "credit-code.check-character";

    // How a file was read (preview encoding reason, job notes).

    /// <summary>args: encoding name.</summary>
    public const string EncodingUtf8Bom = "import.encoding.utf8-bom";

    /// <summary>args: encoding name.</summary>
    public const string EncodingUtf16LeBom = "import.encoding.utf16le-bom";

    /// <summary>args: encoding name.</summary>
    public const string EncodingUtf16BeBom = "import.encoding.utf16be-bom";

    /// <summary>args: encoding name.</summary>
    public const string EncodingAscii = "import.encoding.ascii";

    /// <summary>args: encoding name.</summary>
    public const string EncodingUtf8 = "import.encoding.utf8";

    /// <summary>args: encoding name.</summary>
    public const string EncodingGbk = "import.encoding.gbk";

    /// <summary>args: encoding name.</summary>
    public const string EncodingChosen = "import.encoding.chosen";

    /// <summary>args: worksheet.</summary>
    public const string NoteWorksheet = "import.note.worksheet";

    /// <summary>args: coordinate system.</summary>
    public const string NotePointsCrs = "import.note.points-crs";

    /// <summary>args: coordinate system.</summary>
    public const string NoteCrsFromFile = "import.note.crs-from-file";

    /// <summary>args: the system given, the file's system.</summary>
    public const string NoteCrsAsGiven = "import.note.crs-as-given";

    /// <summary>args: coordinate system.</summary>
    public const string NoteShiftedToWgs84 = "import.note.shifted-to-wgs84";

    /// <summary>args: coordinate system.</summary>
    public const string NoteReprojected = "import.note.reprojected";

    /// <summary>args: the townships (code and name).</summary>
    public const string NotePolygonsRepaired = "import.note.polygons-repaired";

    /// <summary>args: district code, name.</summary>
    public const string NoteDistrictCreated = "import.note.district-created";

    /// <summary>args: number, district code.</summary>
    public const string NoteTownshipsRemoved = "import.note.townships-removed";

    /// <summary>args: number.</summary>
    public const string NoteEnterprisesMoved = "import.note.enterprises-moved";

    /// <summary>args: number.</summary>
    public const string NoteInNoTownship = "import.note.in-no-township";

    /// <summary>args: number, district code.</summary>
    public const string NoteOutsideKept = "import.note.outside-kept";

    /// <summary>args: number.</summary>
    public const string NoteExistingSkipped = "import.note.existing-skipped";

    /// <summary>
    /// The text of a value's reason with the column it concerns (see <see cref="ImportError.Header"/>); args: the column as
    /// the file names it followed by the canonical name, the reason.
    /// </summary>
    public const string ReasonInColumn = "import.reason.in-column";

    /// <summary>A worksheet broken past its start; args: the worksheet, the reader's message.</summary>
    public const string SheetUnreadable = "import.xlsx.sheet-unreadable";

    /// <summary>A zipped Shapefile holding one of the layer's parts twice; args: the part's extension.</summary>
    public const string ZipPartTwice = "import.zip.part-twice";

    /// <summary>An archive entry compressed beyond the ratio allowed; args: entry, compressed bytes, bytes, ratio, maximum ratio, setting.</summary>
    public const string ArchiveEntryRatio = "import.archive.entry-ratio";

    /// <summary>An archive entry holding more than it declares; args: entry, declared bytes.</summary>
    public const string ArchiveEntryOverDeclared = "import.archive.entry-over-declared";

    /// <summary>An archive entry that cannot be decompressed; args: entry, the reader's message.</summary>
    public const string ArchiveEntryDamaged = "import.archive.entry-damaged";

    /// <summary>An archive expanding beyond the total allowed; args: maximum bytes, entry, setting.</summary>
    public const string ArchiveOverTotal = "import.archive.over-total";

    /// <summary>A workbook part declaring a DTD; args: the part.</summary>
    public const string XmlPartDtd = "import.xlsx.part-dtd";

    /// <summary>A workbook part that does not start as well-formed XML; args: the part, the reader's message.</summary>
    public const string XmlPartMalformed = "import.xlsx.part-malformed";

    // Boundary files as they come (DataV/Amap properties, bare arrays and geometries, districts files, outlines).

    /// <summary>A member of a bare GeoJSON array that is not a Feature; args: what it is (its type, or its JSON kind).</summary>
    public const string BoundaryArrayMemberNotFeature = "boundary.array-member-not-feature";

    /// <summary>A polygon without coordinates; args: feature number.</summary>
    public const string BoundaryGeometryEmpty = "boundary.geometry-empty";

    /// <summary>A polygon with no area once repaired (a line, a point, repeated positions); args: feature number.</summary>
    public const string BoundaryGeometryDegenerate = "boundary.geometry-degenerate";

    /// <summary>A code whose length does not fit the file's level; args: the level (district or street), the digits expected.</summary>
    public const string BoundaryCodeLengthForLevel = "boundary.code-length-for-level";

    /// <summary>A feature whose <c>level</c> is not the file's (province, city, or a district among townships); args: the file's level.</summary>
    public const string BoundaryLevelNotImportable = "boundary.level-not-importable";

    /// <summary>A township whose <c>parent.adcode</c> is not the district its code starts with; args: code, parent code.</summary>
    public const string BoundaryParentMismatch = "boundary.parent-mismatch";

    /// <summary>The <c>code</c>/<c>name</c> request fields given for a file of features (they name a bare geometry only).</summary>
    public const string BoundaryNamesForBareGeometryOnly = "boundary.names-for-bare-geometry-only";

    /// <summary>args: the properties used for code, name and kind (kind: derived from the name when none).</summary>
    public const string BoundaryNoteMapping = "boundary.note.mapping";

    /// <summary>args: number, the townships as "name → kind".</summary>
    public const string BoundaryNoteKindsDerived = "boundary.note.kinds-derived";

    /// <summary>args: district code.</summary>
    public const string BoundaryNoteOutlineRecomputed = "boundary.note.outline-recomputed";

    /// <summary>
    /// The district's own outline against its new townships; args: district code, area of the outline no township covers
    /// (m²), area of the townships outside the outline (m²), area where townships overlap each other (m²).
    /// </summary>
    public const string BoundaryNoteOutlineGaps = "boundary.note.outline-gaps";

    /// <summary>args: number of districts, their codes.</summary>
    public const string BoundaryNoteDistricts = "boundary.note.districts";
}
