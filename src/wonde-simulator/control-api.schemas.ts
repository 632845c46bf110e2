import { z } from 'zod';
import { NC_YEARS } from './calendar.lib';
import { FAULT_KINDS } from './fault-injector.lib';
import { SCOPED_FIELDS } from './sim-state.store';

const YmdSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const GenderSchema = z.enum(['MALE', 'FEMALE']);
const NcYearSchema = z.enum(NC_YEARS);

export const ApproveBodySchema = z.strictObject({ audited: z.boolean().optional() });
export const ReasonBodySchema = z.strictObject({ reason: z.string().min(1).optional() });
export const AccessBodySchema = z.strictObject({
  state: z.enum(['none', 'pending', 'approved', 'declined', 'revoked']),
});
export const DeniedFieldsBodySchema = z.strictObject({ fields: z.array(z.enum(SCOPED_FIELDS)) });
export const LeaveBodySchema = z.strictObject({ date: YmdSchema.optional() });
export const LatencyBodySchema = z.strictObject({ ms: z.number().min(0).max(600_000) });

export const FaultBodySchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  count: z.int().min(1).optional(),
  rate: z.number().min(0).max(1).optional(),
  pathIncludes: z.string().min(1).optional(),
  retryAfterSeconds: z.int().min(0).optional(),
  delayMs: z.int().min(0).max(600_000).optional(),
});

const RelationshipPatchSchema = z
  .strictObject({
    relationship: z.string().min(1),
    parentalResponsibility: z.boolean().nullable(),
    priority: z.int().nullable(),
    livesWithPupil: z.boolean().nullable(),
    billPayer: z.boolean().nullable(),
    emailBills: z.boolean().nullable(),
    copyBills: z.boolean().nullable(),
    courtOrder: z.boolean().nullable(),
    pupilReport: z.boolean().nullable(),
    emailSummary: z.boolean().nullable(),
  })
  .partial();

const ContactLinkSchema = z.strictObject({
  contactId: z.string().min(1),
  relationship: RelationshipPatchSchema.optional(),
});

const AddressSchema = z.strictObject({
  houseNumber: z.string().nullable(),
  houseName: z.string().nullable(),
  apartment: z.string().nullable(),
  street: z.string().nullable(),
  district: z.string().nullable(),
  town: z.string().nullable(),
  county: z.string().nullable(),
  country: z.string().nullable(),
  postcode: z.string().nullable(),
});

const NullableText = z.string().nullable();

export const PersonPatchBodySchema = z.strictObject({
  title: NullableText.optional(),
  forename: z.string().min(1).optional(),
  surname: z.string().min(1).optional(),
  middleNames: NullableText.optional(),
  legalForename: NullableText.optional(),
  legalSurname: NullableText.optional(),
  gender: GenderSchema.nullable().optional(),
  dateOfBirth: YmdSchema.nullable().optional(),
  contactDetails: z
    .strictObject({
      phones: z
        .strictObject({
          phone: NullableText,
          primary: NullableText,
          home: NullableText,
          work: NullableText,
          mobile: NullableText,
        })
        .partial(),
      emails: z
        .strictObject({
          email: NullableText,
          primary: NullableText,
          home: NullableText,
          work: NullableText,
        })
        .partial(),
      addresses: z
        .strictObject({
          home: AddressSchema.nullable(),
          work: AddressSchema.nullable(),
          postal: AddressSchema.nullable(),
        })
        .partial(),
      salutation: NullableText,
    })
    .partial()
    .optional(),
  education: z
    .strictObject({
      admissionNumber: NullableText,
      upn: NullableText,
      localUpn: NullableText,
      formerUpn: NullableText,
      learnerNumber: NullableText,
      ncYear: NcYearSchema,
      partTime: z.boolean().nullable(),
      partTimeRate: NullableText,
      admissionDate: YmdSchema.nullable(),
      leavingDate: YmdSchema.nullable(),
    })
    .partial()
    .optional(),
  extended: z
    .strictObject({
      senStatus: z.enum(['N', 'K', 'E']),
      premiumPupilIndicator: z.boolean(),
      freeSchoolMeals: z.boolean(),
      fsmReviewDate: YmdSchema.nullable(),
      englishAsAdditionalLanguageStatus: NullableText,
      firstLanguage: z.string(),
      homeLanguage: z.string(),
    })
    .partial()
    .optional(),
  contactLinks: z
    .array(
      z.strictObject({
        contactId: z.string().min(1),
        relationship: RelationshipPatchSchema.required(),
      }),
    )
    .optional(),
  employment: z
    .strictObject({
      teachingStaff: z.boolean(),
      current: z.boolean(),
      teacherNumber: NullableText,
      staffCode: NullableText,
      employmentStartDate: YmdSchema.nullable(),
      employmentEndDate: YmdSchema.nullable(),
      localAuthorityStartDate: YmdSchema.nullable(),
      employeePayrollNumber: NullableText,
      roleText: z.string().min(1),
      qualifiedTeacherStatus: z.boolean().nullable(),
      qualifiedTeacherStatusRoute: NullableText,
      higherLevelTeachingAssistantStatus: z.boolean().nullable(),
    })
    .partial()
    .optional(),
});

export const AddStudentBodySchema = z.strictObject({
  forename: z.string().min(1).optional(),
  surname: z.string().min(1).optional(),
  gender: GenderSchema.optional(),
  ncYear: NcYearSchema.optional(),
  contactLinks: z.array(ContactLinkSchema).optional(),
});

export const AddEmployeeBodySchema = z.strictObject({
  forename: z.string().min(1).optional(),
  surname: z.string().min(1).optional(),
  gender: GenderSchema.nullable().optional(),
  roleText: z.string().min(1).optional(),
  teachingStaff: z.boolean().optional(),
});

export const AddContactBodySchema = z.strictObject({
  forename: z.string().min(1).optional(),
  surname: z.string().min(1).optional(),
  gender: GenderSchema.nullable().optional(),
  title: z.string().min(1).optional(),
  email: z.string().min(3).nullable().optional(),
  address: AddressSchema.optional(),
  studentIds: z.array(z.string().min(1)).optional(),
  relationship: RelationshipPatchSchema.optional(),
});
