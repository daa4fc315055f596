/** Strings of "Merge with…" for companies and contacts, in the three catalogues' languages. */
const en = {
  open: 'Merge with…',
  title: 'Merge {{name}} with…',
  pickCompany: 'The company to merge with',
  pickContact: 'The contact to merge with',
  searchPlaceholder: 'Search by name, org number or e-mail',
  field: 'Field',
  keeps: 'Keep this one',
  explain:
    '{{loser}} goes to the trash. Its contacts, notes and documents move to {{survivor}}, with the values chosen above. Both histories record the merge.',
  companyMoves_one: '{{count}} contact moves over.',
  companyMoves_other: '{{count}} contacts move over.',
  contactMoves: 'Notes and documents move over.',
  pickFirst: 'Pick the other record first',
  confirm: 'Merge',
  done: 'Merged into {{name}}',
  conflict: 'Someone changed one of the two meanwhile. They are shown as they are now: check and merge again.',
};

const nb: typeof en = {
  open: 'Flett med …',
  title: 'Flett {{name}} med …',
  pickCompany: 'Firmaet som skal flettes inn',
  pickContact: 'Kontakten som skal flettes inn',
  searchPlaceholder: 'Søk på navn, org.nr. eller e-post',
  field: 'Felt',
  keeps: 'Behold denne',
  explain:
    '{{loser}} flyttes til papirkurven. Kontakter, notater og dokumenter flyttes til {{survivor}}, med verdiene valgt over. Begge historikkene viser flettingen.',
  companyMoves_one: '{{count}} kontakt flyttes over.',
  companyMoves_other: '{{count}} kontakter flyttes over.',
  contactMoves: 'Notater og dokumenter flyttes over.',
  pickFirst: 'Velg den andre først',
  confirm: 'Flett',
  done: 'Flettet inn i {{name}}',
  conflict: 'Noen endret en av dem i mellomtiden. De vises slik de er nå: sjekk og flett igjen.',
};

const sv: typeof en = {
  open: 'Slå ihop med …',
  title: 'Slå ihop {{name}} med …',
  pickCompany: 'Företaget att slå ihop med',
  pickContact: 'Kontakten att slå ihop med',
  searchPlaceholder: 'Sök på namn, org.nr eller e-post',
  field: 'Fält',
  keeps: 'Behåll den här',
  explain:
    '{{loser}} flyttas till papperskorgen. Kontakter, anteckningar och dokument flyttas till {{survivor}}, med värdena som valts ovan. Båda historikerna visar sammanslagningen.',
  companyMoves_one: '{{count}} kontakt flyttas över.',
  companyMoves_other: '{{count}} kontakter flyttas över.',
  contactMoves: 'Anteckningar och dokument flyttas över.',
  pickFirst: 'Välj den andra först',
  confirm: 'Slå ihop',
  done: 'Sammanslagen med {{name}}',
  conflict: 'Någon ändrade en av dem under tiden. De visas som de är nu: kontrollera och slå ihop igen.',
};

export const mergeStrings = { en, nb, sv };
