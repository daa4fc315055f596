import { Select, type SelectProps } from '@mantine/core';
import { type Role, RoleSchema } from '@rapport/contracts/workspaces.ts';
import { useTranslation } from 'react-i18next';

export function RoleSelect({
  value,
  onChange,
  ...props
}: { value: Role; onChange: (role: Role) => void } & Omit<SelectProps, 'value' | 'onChange' | 'data'>) {
  const { t } = useTranslation();
  return (
    <Select
      {...props}
      data={RoleSchema.options.map((r) => ({ value: r, label: t(`settings.roles.${r}`) }))}
      value={value}
      onChange={(v) => v && onChange(v as Role)}
      allowDeselect={false}
    />
  );
}
