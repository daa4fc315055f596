import type { ColumnType, Generated } from 'kysely';

/** Row types of the tables Rapport queries through Kysely. Kept by hand beside the migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type UsersTable = {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type SessionsTable = {
  id: string;
  token: string;
  userId: string;
  expiresAt: Timestamp;
  activeWorkspaceId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
};

export type SignInFailuresTable = {
  email: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Date | null;
};

export type WorkspacesTable = { id: string; name: string; slug: string; created_at: Timestamp };

export type MembersTable = {
  workspace_id: string;
  id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
  deactivated_at: Date | null;
  time_zone: Generated<string>;
  language: Generated<string>;
  reminder_email: Generated<boolean>;
  /** Version of the member's weekly activity targets (migration 0017). */
  targets_version: Generated<number>;
};

export type InvitationsTable = {
  workspace_id: string;
  id: string;
  email: string;
  role: string;
  status: Generated<string>;
  invited_by: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
};

export type ApiKeysTable = {
  workspace_id: string;
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export type OutboxMailsTable = {
  id: string;
  workspace_id: string | null;
  to: string;
  subject: string;
  text: string;
  created_at: Timestamp;
  sent_at: Date | null;
  error: string | null;
};

export type AuditLogTable = {
  workspace_id: string;
  id: string;
  entity: string;
  entity_id: string;
  action: string;
  field: string | null;
  old_value: Json;
  new_value: Json;
  actor_id: string | null;
  actor_kind: string;
  at: Timestamp;
  import_id: string | null;
};

export type CompaniesTable = {
  workspace_id: string;
  id: string;
  name: string;
  org_number: string | null;
  country: string | null;
  type: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  owner_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
  deleted_at: Date | null;
  search_text: Generated<string>;
  customer_number: number;
  first_name: string | null;
  last_name: string | null;
  industry: string | null;
  visibility: Generated<string>;
  payment_terms_days: number | null;
  currency: string | null;
  phones: ColumnType<unknown, string | undefined, string>;
  emails: ColumnType<unknown, string | undefined, string>;
  addresses: ColumnType<unknown, string | undefined, string>;
  merged_into: string | null;
  import_id: string | null;
  custom_fields: ColumnType<unknown, string | undefined, string>;
};

export type CategoriesTable = {
  workspace_id: string;
  id: string;
  name: string;
  colour: Generated<string>;
  description: string | null;
  sort_order: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
  deleted_at: Date | null;
};

export type CustomFieldsTable = {
  workspace_id: string;
  id: string;
  category_id: string;
  key: string;
  label: string;
  type: string;
  options: ColumnType<unknown, string | undefined, string>;
  currency: string | null;
  required: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Date | null;
};

export type CompanyCategoriesTable = {
  workspace_id: string;
  company_id: string;
  category_id: string;
  created_at: Generated<Date>;
};

export type NotesTable = {
  workspace_id: string;
  id: string;
  entity: string;
  entity_id: string;
  html: string;
  text: string;
  mentions: ColumnType<string[], string[] | undefined, string[]>;
  author_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Date | null;
};

export type WorkspaceCountersTable = { workspace_id: string; name: string; value: Generated<number> };

export type ContactsTable = {
  workspace_id: string;
  id: string;
  first_name: string;
  last_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  company_id: string | null;
  owner_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
  deleted_at: Date | null;
  search_text: Generated<string>;
  visibility: Generated<string>;
  merged_into: string | null;
  import_id: string | null;
};

export type DocumentsTable = {
  workspace_id: string;
  id: string;
  entity: string;
  entity_id: string;
  name: string;
  description: string | null;
  content_type: string;
  size_bytes: ColumnType<string, number, number>;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Date | null;
};

export type SavedViewsTable = {
  workspace_id: string;
  id: string;
  entity: string;
  name: string;
  columns: Json;
  filters: Json;
  sort: string | null;
  q: string | null;
  shared: boolean;
  owner_id: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type SavedViewDefaultsTable = { workspace_id: string; user_id: string; entity: string; view_id: string };

export type ImportsTable = {
  workspace_id: string;
  id: string;
  entity: string;
  file_name: string;
  format: string;
  stored_file: string;
  sheet: string | null;
  sheets: ColumnType<unknown, string | undefined, string>;
  encoding: string | null;
  delimiter: string | null;
  columns: ColumnType<unknown, string | undefined, string>;
  row_count: number;
  mapping: Json;
  duplicate_rule: string | null;
  default_country: string | null;
  status: Generated<string>;
  next_row: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  error: string | null;
  undo_summary: Json;
  created_by: string;
  actor_kind: Generated<string>;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  undone_at: Date | null;
  undone_by: string | null;
};

export type ImportErrorsTable = {
  workspace_id: string;
  import_id: string;
  row_number: number;
  cells: ColumnType<unknown, string, string>;
  errors: ColumnType<unknown, string, string>;
};

export type RelationTypesTable = {
  workspace_id: string;
  id: string;
  kind: string;
  key: string | null;
  from_label: string;
  to_label: string | null;
  is_symmetric: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
};

export type CompanyRelationsTable = {
  workspace_id: string;
  id: string;
  type_id: string;
  type_kind: Generated<string>;
  from_company_id: string;
  to_company_id: string;
  note: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
};

export type ContactCompanyRelationsTable = {
  workspace_id: string;
  id: string;
  type_id: string;
  type_kind: Generated<string>;
  contact_id: string;
  company_id: string;
  note: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
};

export type ActivityTypesTable = {
  workspace_id: string;
  id: string;
  kind: string;
  name: string | null;
  builtin: Generated<boolean>;
  color: string | null;
  points: Generated<number>;
  default_minutes: number | null;
  sort_order: Generated<number>;
  archived_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
};

export type ResourcesTable = {
  workspace_id: string;
  id: string;
  name: string;
  kind: Generated<string>;
  capacity: number | null;
  location: string | null;
  description: Generated<string>;
  archived_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type ActivitiesTable = {
  workspace_id: string;
  id: string;
  type_id: string;
  kind: string;
  title: string;
  description: Generated<string>;
  location: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  all_day: Generated<boolean>;
  time_zone: Generated<string>;
  priority: Generated<string>;
  done_at: Date | null;
  done_by: string | null;
  owner_id: string;
  company_id: string | null;
  contact_id: string | null;
  private: Generated<boolean>;
  reminder_minutes: number | null;
  rrule: string | null;
  exdates: Generated<Date[]>;
  series_id: string | null;
  recurrence_id: Date | null;
  ical_uid: string;
  ical_sequence: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
  deleted_at: Date | null;
  search_text: Generated<string>;
};

export type ActivityParticipantsTable = {
  workspace_id: string;
  id: string;
  activity_id: string;
  user_id: string | null;
  contact_id: string | null;
  response: Generated<string>;
  invited_at: Date | null;
};

export type ActivityResourcesTable = { workspace_id: string; activity_id: string; resource_id: string };

export type ActivityRemindersSentTable = {
  workspace_id: string;
  activity_id: string;
  occurrence_start: Date;
  user_id: string;
  sent_at: Generated<Date>;
};

export type NotificationsTable = {
  workspace_id: string;
  id: string;
  user_id: string;
  kind: string;
  params: Json;
  path: string | null;
  actor_id: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
};

export type CalendarFeedsTable = {
  workspace_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

export type ActivityTargetsTable = {
  workspace_id: string;
  user_id: string;
  metric: string;
  weekly_target: number;
  updated_at: Generated<Date>;
  updated_by: string | null;
};

export type DB = {
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  invitations: InvitationsTable;
  api_keys: ApiKeysTable;
  outbox_mails: OutboxMailsTable;
  audit_log: AuditLogTable;
  companies: CompaniesTable;
  categories: CategoriesTable;
  custom_fields: CustomFieldsTable;
  company_categories: CompanyCategoriesTable;
  workspace_counters: WorkspaceCountersTable;
  notes: NotesTable;
  contacts: ContactsTable;
  documents: DocumentsTable;
  saved_views: SavedViewsTable;
  saved_view_defaults: SavedViewDefaultsTable;
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
  relation_types: RelationTypesTable;
  company_relations: CompanyRelationsTable;
  contact_company_relations: ContactCompanyRelationsTable;
  activity_types: ActivityTypesTable;
  resources: ResourcesTable;
  activities: ActivitiesTable;
  activity_participants: ActivityParticipantsTable;
  activity_resources: ActivityResourcesTable;
  activity_reminders_sent: ActivityRemindersSentTable;
  notifications: NotificationsTable;
  calendar_feeds: CalendarFeedsTable;
  activity_targets: ActivityTargetsTable;
};
