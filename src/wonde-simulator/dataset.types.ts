/**
 * The generated dataset as plain, JSON-serialisable objects in camelCase. The simulator maps
 * them to Wonde's wire shapes; demo data and benchmarks may use them directly.
 *
 * Timestamps (`createdAt`, `updatedAt`, `restoredAt`, `deletedAt`) are ISO 8601 UTC strings.
 * Calendar dates (`dateOfBirth`, `admissionDate`, …) are `YYYY-MM-DD` strings.
 */

export type SchoolPhase = 'PRIMARY' | 'SECONDARY';

/** National Curriculum year as Wonde sends it in `current_nc_year`. */
export type NcYear =
  | 'N1'
  | 'N2'
  | 'R'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '10'
  | '11'
  | '12'
  | '13';

export type Gender = 'MALE' | 'FEMALE';

export type SimAddress = {
  houseNumber: string | null;
  houseName: string | null;
  apartment: string | null;
  street: string | null;
  district: string | null;
  town: string | null;
  county: string | null;
  country: string | null;
  postcode: string | null;
};

export type SimContactDetails = {
  phones: {
    phone: string | null;
    primary: string | null;
    home: string | null;
    work: string | null;
    mobile: string | null;
  };
  emails: {
    email: string | null;
    primary: string | null;
    home: string | null;
    work: string | null;
  };
  addresses: {
    home: SimAddress | null;
    work: SimAddress | null;
    postal: SimAddress | null;
  };
  salutation: string | null;
};

export type SimPersonBase = {
  id: string;
  /** 32-hex Wonde person identifier. */
  upi: string;
  misId: string;
  title: string | null;
  initials: string | null;
  forename: string;
  surname: string;
  middleNames: string | null;
  legalForename: string | null;
  legalSurname: string | null;
  gender: Gender | null;
  dateOfBirth: string | null;
  contactDetails: SimContactDetails;
  createdAt: string;
  updatedAt: string;
  restoredAt: string | null;
};

export type SimEducationDetails = {
  admissionNumber: string | null;
  upn: string | null;
  localUpn: string | null;
  formerUpn: string | null;
  learnerNumber: string | null;
  ncYear: NcYear;
  partTime: boolean | null;
  partTimeRate: string | null;
  admissionDate: string | null;
  leavingDate: string | null;
};

export type SimStudentExtended = {
  senStatus: 'N' | 'K' | 'E';
  premiumPupilIndicator: boolean;
  freeSchoolMeals: boolean;
  fsmReviewDate: string | null;
  englishAsAdditionalLanguageStatus: string | null;
  firstLanguage: string;
  homeLanguage: string;
};

/** How a contact relates to one pupil; lives on the link, not on the contact. */
export type SimRelationship = {
  relationship: string;
  parentalResponsibility: boolean | null;
  priority: number | null;
  livesWithPupil: boolean | null;
  billPayer: boolean | null;
  emailBills: boolean | null;
  copyBills: boolean | null;
  courtOrder: boolean | null;
  pupilReport: boolean | null;
  emailSummary: boolean | null;
};

export type SimContactLink = { contactId: string; relationship: SimRelationship };

export type SimStudent = SimPersonBase & {
  education: SimEducationDetails;
  extended: SimStudentExtended;
  /** Ordered by priority; siblings share the same contact ids. */
  contactLinks: SimContactLink[];
};

export type SimContact = SimPersonBase;

export type SimEmploymentDetails = {
  teachingStaff: boolean;
  current: boolean;
  teacherNumber: string | null;
  staffCode: string | null;
  employmentStartDate: string | null;
  employmentEndDate: string | null;
  localAuthorityStartDate: string | null;
  employeePayrollNumber: string | null;
  /** The job title. */
  roleText: string;
  qualifiedTeacherStatus: boolean | null;
  qualifiedTeacherStatusRoute: string | null;
  higherLevelTeachingAssistantStatus: boolean | null;
};

export type SimEmployeeRole = {
  id: string;
  misId: string;
  role: string;
  roleCode: string;
  contractId: string;
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SimNextOfKin = {
  id: string;
  misId: string;
  name: string;
  telephoneHome: string | null;
  telephoneWork: string | null;
  telephoneMobile: string | null;
  telephonePrimary: string | null;
  emailPrimary: string | null;
  emailWork: string | null;
  emailHome: string | null;
  createdAt: string;
  updatedAt: string;
};

export type SimEmployee = SimPersonBase & {
  employment: SimEmploymentDetails;
  roles: SimEmployeeRole[];
  nextOfKin: SimNextOfKin[];
};

export type SimYearGroup = {
  id: string;
  misId: string;
  ncYear: NcYear;
  name: string;
  createdAt: string;
  updatedAt: string;
};

export type SimSchool = {
  id: string;
  name: string;
  /** 6-digit DfE Unique Reference Number. */
  urn: number;
  establishmentNumber: string;
  laCode: string;
  phase: SchoolPhase;
  mis: string;
  timezone: string;
  address: {
    line1: string;
    line2: string | null;
    town: string;
    postcode: string;
  };
  email: string;
  phoneNumber: string;
  yearGroups: SimYearGroup[];
  students: SimStudent[];
  employees: SimEmployee[];
  contacts: SimContact[];
  createdAt: string;
};

export type WondeDataset = {
  seed: string;
  /** The day the data describes (`YYYY-MM-DD`); ages and NC years are relative to it. */
  asOf: string;
  trust: { name: string } | null;
  schools: SimSchool[];
};
