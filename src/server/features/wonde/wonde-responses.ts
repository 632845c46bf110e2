/**
 * zod schemas for what Wonde sends. They are lenient where the reference is unsure (anything
 * may be null or missing, unknown fields are dropped) and strict where a wrong shape must stop a
 * sync: ids, the `data` wrappers and pagination.
 */
import { z } from 'zod';
import { text as requestText } from '../../../shared/fields';

const text = z.string().nullish();
const flag = z.boolean().nullish();

/** PHP DateTime as Wonde serialises it: wall time in `timezone`. */
export const WondeDateSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?$/),
  timezone_type: z.number().nullish(),
  timezone: z.string().nullish(),
});
export type WondeDate = z.infer<typeof WondeDateSchema>;

const date = WondeDateSchema.nullish();
const one = <T extends z.ZodType>(schema: T) => z.object({ data: schema.nullish() }).nullish();
const many = <T extends z.ZodType>(schema: T) => z.object({ data: z.array(schema) }).nullish();

export const PaginationSchema = z.object({
  next: z.string().nullish(),
  previous: z.string().nullish(),
  more: z.boolean().nullish(),
  per_page: z.union([z.number(), z.string()]).nullish(),
  current_page: z.union([z.number(), z.string()]).nullish(),
});

export const ContactDetailsSchema = z.object({
  phones: z
    .object({ phone: text, primary: text, home: text, work: text, mobile: text })
    .partial()
    .nullish(),
  emails: z.object({ email: text, primary: text, home: text, work: text }).partial().nullish(),
  addresses: z
    .object({
      home: z.record(z.string(), z.unknown()).nullish(),
      work: z.record(z.string(), z.unknown()).nullish(),
      postal: z.record(z.string(), z.unknown()).nullish(),
    })
    .partial()
    .nullish(),
});
export type WondeContactDetails = z.infer<typeof ContactDetailsSchema>;

export const EducationDetailsSchema = z.object({
  admission_number: text,
  upn: text,
  local_upn: text,
  former_upn: text,
  learner_number: text,
  current_nc_year: z.union([z.string(), z.number()]).nullish(),
  part_time: flag,
  part_time_rate: z.union([z.string(), z.number()]).nullish(),
  admission_date: date,
  leaving_date: date,
});
export type WondeEducationDetails = z.infer<typeof EducationDetailsSchema>;

const personFields = {
  id: z.string().min(1),
  mis_id: z.union([z.string(), z.number()]).nullish(),
  forename: text,
  surname: text,
  legal_forename: text,
  legal_surname: text,
  restored_at: date,
  updated_at: date,
};

export const StudentSchema = z.object({
  ...personFields,
  education_details: one(EducationDetailsSchema),
  year: one(z.object({ code: text, name: text })),
  contact_details: one(ContactDetailsSchema),
});
export type WondeStudent = z.infer<typeof StudentSchema>;

export const EmployeeSchema = z.object({
  ...personFields,
  employment_details: one(
    z.object({ role_text: text, current: flag, teaching_staff: flag, employment_end_date: date }),
  ),
  roles: many(z.object({ role: text, role_code: text, end_date: date })),
  contact_details: one(ContactDetailsSchema),
});
export type WondeEmployee = z.infer<typeof EmployeeSchema>;

export const DeletionSchema = z.object({
  id: z.string().min(1),
  type: text,
  restored_at: date,
  deleted_at: date,
});
export type WondeDeletion = z.infer<typeof DeletionSchema>;

export const SchoolSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  urn: z.union([z.number(), z.string()]).nullish(),
  establishment_number: z.union([z.number(), z.string()]).nullish(),
  la_code: text,
  address: z
    .object({
      address_line_1: text,
      address_line_2: text,
      address_town: text,
      address_postcode: text,
    })
    .partial()
    .nullish(),
  region: z.object({ domain: text }).partial().nullish(),
});
export type WondeSchool = z.infer<typeof SchoolSchema>;

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    meta: z.object({ pagination: PaginationSchema.nullish() }).nullish(),
  });

export const singleOf = <T extends z.ZodType>(item: T) => z.object({ data: item });

/**
 * Webhook bodies (flat JSON); unknown payload types are acknowledged and ignored. A delivery is a
 * request like any other, so its text is held to the same rules before it reaches the database.
 */
export const WebhookSchema = z.object({
  payload_type: requestText(),
  school_id: requestText().nullish(),
  school_name: requestText().nullish(),
  school_token: requestText().nullish(),
  revoke_reason: requestText().nullish(),
  decline_reason: requestText().nullish(),
});
export type WondeWebhook = z.infer<typeof WebhookSchema>;

/** A pupil's contact as reached through `include=contacts.contact_details`. */
export const StudentContactSchema = z.object({
  id: z.string().min(1),
  title: text,
  forename: text,
  surname: text,
  relationship: z
    .object({
      relationship: text,
      parental_responsibility: flag,
      priority: z.union([z.number(), z.string()]).nullish(),
      lives_with_pupil: flag,
    })
    .partial()
    .nullish(),
  contact_details: one(ContactDetailsSchema),
});

export const StudentWithContactsSchema = z.object({
  id: z.string().min(1),
  contacts: many(StudentContactSchema),
});

export const NextOfKinSchema = z.object({
  id: z.union([z.string(), z.number()]),
  name: text,
  telephone_primary: text,
  telephone_mobile: text,
  telephone_home: text,
  telephone_work: text,
  email_primary: text,
  email_home: text,
  email_work: text,
});

export const EmployeeWithNextOfKinSchema = z.object({
  id: z.string().min(1),
  next_of_kin: many(NextOfKinSchema),
});
