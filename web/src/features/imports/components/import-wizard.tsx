import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { companyImportFields, contactImportFields } from '@rapport/contracts/imports.ts';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/error-text.ts';
import {
  type DuplicateRule,
  errorReportUrl,
  type ImportDraft,
  type ImportEntity,
  type ImportMapping,
  type ImportPreview,
  useChooseSheet,
  useImport,
  usePreviewImport,
  useRunImport,
  useUndoImport,
  useUploadImport,
} from '../api/imports.ts';

const COUNTRIES = ['NO', 'SE', 'DK', 'FI'];

/** The button on the Companies and Contacts pages that opens the import wizard. */
export function ImportButton({ entity }: { entity: ImportEntity }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileImport size={16} />}
        onClick={() => setOpen(true)}
        data-testid="import-open"
      >
        {t('imports.open')}
      </Button>
      {open && <ImportWizard entity={entity} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Upload → map columns → preview → run with progress → summary (error report, undo). */
export function ImportWizard({ entity, onClose }: { entity: ImportEntity; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<ImportDraft | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [rule, setRule] = useState<DuplicateRule>('skip');
  const [country, setCountry] = useState<string | null>('NO');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const upload = useUploadImport();
  const chooseSheet = useChooseSheet();
  const previewing = usePreviewImport();
  const run = useRunImport();
  const undo = useUndoImport();
  const current = useImport(runId);
  const fields = entity === 'company' ? companyImportFields : contactImportFields;

  const takeDraft = (d: ImportDraft) => {
    setDraft(d);
    const m: ImportMapping = {};
    for (const c of d.import.columns) {
      const field = c.name in d.rememberedMapping ? d.rememberedMapping[c.name] : d.suggestedMapping[c.name];
      m[c.name] = (field ?? null) as ImportMapping[string];
    }
    setMapping(m);
    setStep(1);
  };
  const settings = () => ({ mapping, duplicateRule: rule, defaultCountry: entity === 'company' ? country : null });
  const imp = current.data;
  const finished = imp && !['queued', 'running'].includes(imp.status);
  useEffect(() => {
    if (finished && step === 3) {
      setStep(4);
      void qc.invalidateQueries({ queryKey: [entity === 'company' ? 'companies' : 'contacts'] });
    }
  }, [finished, step, qc, entity]);
  const failed = upload.error ?? chooseSheet.error ?? previewing.error ?? run.error ?? undo.error;
  const problem = failed ? errorText(t, failed) : null;

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t(entity === 'company' ? 'imports.titleCompanies' : 'imports.titleContacts')}
    >
      <Stepper active={step} size="sm" mb="md">
        <Stepper.Step label={t('imports.stepFile')} />
        <Stepper.Step label={t('imports.stepMapping')} />
        <Stepper.Step label={t('imports.stepPreview')} />
        <Stepper.Step label={t('imports.stepRun')} />
      </Stepper>
      {problem && (
        <Alert color="red" mb="sm" data-testid="import-problem">
          {problem}
        </Alert>
      )}

      {step === 0 && (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('imports.fileHint')}
          </Text>
          <FileInput
            label={t('imports.file')}
            accept=".csv,.txt,.tsv,.xlsx"
            leftSection={<IconUpload size={16} />}
            data-testid="import-file"
            disabled={upload.isPending}
            onChange={(file) => file && upload.mutate({ file, entity }, { onSuccess: takeDraft })}
          />
          {upload.isPending && <Text size="sm">{t('common.loading')}</Text>}
        </Stack>
      )}

      {step === 1 && draft && (
        <Stack>
          <Text size="sm">{t('imports.rows', { count: draft.import.rowCount, file: draft.import.fileName })}</Text>
          {draft.import.sheets.length > 1 && (
            <Select
              label={t('imports.sheet')}
              data={draft.import.sheets}
              value={draft.import.sheet}
              allowDeselect={false}
              onChange={(sheet) =>
                sheet && chooseSheet.mutate({ id: draft.import.id, sheet }, { onSuccess: takeDraft })
              }
            />
          )}
          <Table data-testid="import-mapping" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.samples')}</Table.Th>
                <Table.Th>{t('imports.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.import.columns.map((c, i) => (
                <Table.Tr key={c.name}>
                  <Table.Td fw={500}>{c.name}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {c.samples.join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={c.name}
                      data-testid={`import-map-${i}`}
                      placeholder={t('imports.skipColumn')}
                      clearable
                      data={fields.map((f) => ({ value: f, label: t(`imports.fields.${f}`) }))}
                      value={mapping[c.name] ?? null}
                      onChange={(v) => setMapping((m) => ({ ...m, [c.name]: (v as ImportMapping[string]) ?? null }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t(entity === 'company' ? 'imports.duplicatesCompany' : 'imports.duplicatesContact')}
              </Text>
              <SegmentedControl
                data-testid="import-rule"
                value={rule}
                onChange={(v) => setRule(v as DuplicateRule)}
                data={(['skip', 'update', 'create'] as const).map((r) => ({ value: r, label: t(`imports.rule.${r}`) }))}
              />
            </Stack>
            {entity === 'company' && (
              <Select
                label={t('imports.defaultCountry')}
                data={COUNTRIES.map((c) => ({ value: c, label: c }))}
                value={country}
                onChange={setCountry}
                clearable
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button
              data-testid="import-to-preview"
              loading={previewing.isPending}
              onClick={() =>
                previewing.mutate(
                  { id: draft.import.id, ...settings() },
                  {
                    onSuccess: (p) => {
                      setPreview(p);
                      setStep(2);
                    },
                  },
                )
              }
            >
              {t('imports.toPreview')}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 2 && draft && preview && (
        <Stack>
          <PreviewTable
            preview={preview}
            columns={Object.values(mapping).filter((f): f is NonNullable<typeof f> => !!f)}
          />
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep(1)}>
              {t('common.back')}
            </Button>
            <Button
              data-testid="import-run"
              loading={run.isPending}
              onClick={() =>
                run.mutate(
                  { id: draft.import.id, ...settings() },
                  {
                    onSuccess: (i) => {
                      setRunId(i.id);
                      setStep(3);
                    },
                  },
                )
              }
            >
              {t('imports.run', { count: draft.import.rowCount })}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 3 && (
        <Stack data-testid="import-progress">
          <Text size="sm">
            {t('imports.running', { done: imp?.progress.processed ?? 0, total: imp?.rowCount ?? 0 })}
          </Text>
          <Progress value={imp && imp.rowCount > 0 ? (100 * imp.progress.processed) / imp.rowCount : 0} animated />
        </Stack>
      )}

      {step === 4 && imp && (
        <Stack data-testid="import-summary">
          {imp.status === 'failed' && <Alert color="red">{imp.error ?? t('imports.failed')}</Alert>}
          <Group gap="xs">
            <Badge color="green" variant="light" data-testid="import-created">
              {t('imports.created', { count: imp.progress.created })}
            </Badge>
            <Badge color="blue" variant="light">
              {t('imports.updated', { count: imp.progress.updated })}
            </Badge>
            <Badge color="gray" variant="light">
              {t('imports.skipped', { count: imp.progress.skipped })}
            </Badge>
            <Badge color="red" variant="light" data-testid="import-failed">
              {t('imports.failedRows', { count: imp.progress.failed })}
            </Badge>
          </Group>
          {imp.progress.failed > 0 && (
            <Anchor href={errorReportUrl(imp.id)} download data-testid="import-error-report">
              {t('imports.errorReport')}
            </Anchor>
          )}
          {imp.undo && (
            <Alert color="gray" data-testid="import-undone">
              {t('imports.undone', { removed: imp.undo.removed, restored: imp.undo.restored, kept: imp.undo.kept })}
            </Alert>
          )}
          <Group justify="space-between">
            <Button
              color="red"
              variant="light"
              data-testid="import-undo"
              disabled={imp.status === 'undone'}
              loading={undo.isPending}
              onClick={() => undo.mutate(imp.id)}
            >
              {t('imports.undo')}
            </Button>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function PreviewTable({ preview, columns }: { preview: ImportPreview; columns: string[] }) {
  const { t } = useTranslation();
  const shown = [...new Set(columns.flatMap((c) => (c === 'fullName' ? ['firstName', 'lastName'] : [c])))];
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table data-testid="import-preview" fz="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('imports.action')}</Table.Th>
            {shown.map((f) => (
              <Table.Th key={f}>{t(`imports.fields.${f}` as 'imports.fields.name')}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.rows.map((r) => {
            const bad = new Map(r.errors.map((e) => [e.field, e.message]));
            return (
              <Table.Tr
                key={r.row}
                bg={r.errors.length > 0 ? 'var(--mantine-color-red-light)' : undefined}
                data-error={r.errors.length > 0 || undefined}
              >
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>
                  {r.action === 'error' ? (
                    <Text size="xs" c="red">
                      {r.errors.map((e) => e.message).join('; ')}
                    </Text>
                  ) : (
                    t(`imports.actions.${r.action}`)
                  )}
                </Table.Td>
                {shown.map((f) => (
                  <Table.Td key={f} c={bad.has(f) ? 'red' : undefined} fw={bad.has(f) ? 600 : undefined}>
                    {r.values[f] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
