import { Button, Menu } from '@mantine/core';
import {
  IconAddressBook,
  IconChevronDown,
  IconDownload,
  IconFileSpreadsheet,
  IconFileTypeCsv,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ListEntity } from '../api/bulk.ts';

type Format = 'csv' | 'xlsx' | 'vcf';

/**
 * The export address of exactly what the list shows: its search text, filters, sort and visible
 * columns (those the export knows), headings in the reader's language.
 */
export function exportHref(
  entity: ListEntity,
  format: Format,
  view: { q: string; sort: string; filters: string[]; columns: string[] },
  lang: string,
): string {
  const params = new URLSearchParams({ format });
  if (view.q.trim()) params.set('q', view.q.trim());
  params.set('sort', view.sort);
  for (const f of view.filters) params.append('filter', f);
  if (format !== 'vcf' && view.columns.length > 0) params.set('columns', view.columns.join(','));
  const language = lang === 'nb' || lang === 'sv' ? lang : 'en';
  params.set('lang', language);
  // Spreadsheets set to Nordic locales split CSV on semicolons.
  if (format === 'csv' && language !== 'en') params.set('delimiter', ';');
  return `/api/v1/${entity === 'company' ? 'companies' : 'contacts'}/export?${params}`;
}

export function ExportMenu({
  entity,
  view,
}: {
  entity: ListEntity;
  view: { q: string; sort: string; filters: string[]; columns: string[] };
}) {
  const { t, i18n } = useTranslation();
  const href = (format: Format) => exportHref(entity, format, view, i18n.language);
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          data-testid="export-open"
        >
          {t('lists.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('lists.export.hint')}</Menu.Label>
        <Menu.Item
          component="a"
          href={href('csv')}
          download
          leftSection={<IconFileTypeCsv size={15} />}
          data-testid="export-csv"
        >
          {t('lists.export.csv')}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={href('xlsx')}
          download
          leftSection={<IconFileSpreadsheet size={15} />}
          data-testid="export-xlsx"
        >
          {t('lists.export.xlsx')}
        </Menu.Item>
        {entity === 'contact' && (
          <Menu.Item
            component="a"
            href={href('vcf')}
            download
            leftSection={<IconAddressBook size={15} />}
            data-testid="export-vcf"
          >
            {t('lists.export.vcf')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
