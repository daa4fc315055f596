import { Badge, CloseButton } from '@mantine/core';
import type { CategoryColour } from '@rapport/contracts/categories.ts';

/** A category as a coloured chip, with a remove button when `onRemove` is given. */
export function CategoryChip({
  name,
  colour,
  onRemove,
  removeLabel,
  size = 'md',
}: {
  name: string;
  colour: CategoryColour;
  onRemove?: () => void;
  removeLabel?: string;
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <Badge
      color={colour}
      variant="light"
      size={size}
      radius="sm"
      tt="none"
      fw={600}
      data-testid="category-chip"
      rightSection={
        onRemove ? (
          <CloseButton
            size="xs"
            variant="transparent"
            c={`${colour}.8`}
            aria-label={removeLabel}
            onClick={onRemove}
            data-testid="category-chip-remove"
          />
        ) : null
      }
      pr={onRemove ? 2 : undefined}
    >
      {name}
    </Badge>
  );
}
