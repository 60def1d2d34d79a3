// The 27 federative units and 5 regions (IBGE; the same table as contracts' BrazilianState), and their places on a tile-grid
// map: one square per state, roughly where it lies, so small states are as visible as large ones and no shape file is needed.
export const REGIONS = [
  ['NORTE', 'Norte'],
  ['NORDESTE', 'Nordeste'],
  ['CENTRO_OESTE', 'Centro-Oeste'],
  ['SUDESTE', 'Sudeste'],
  ['SUL', 'Sul'],
];

// [UF, name, region, column, row]
export const STATES = [
  ['RR', 'Roraima', 'NORTE', 2, 0],
  ['AP', 'Amapá', 'NORTE', 3, 0],
  ['AM', 'Amazonas', 'NORTE', 1, 1],
  ['PA', 'Pará', 'NORTE', 2, 1],
  ['MA', 'Maranhão', 'NORDESTE', 3, 1],
  ['CE', 'Ceará', 'NORDESTE', 4, 1],
  ['RN', 'Rio Grande do Norte', 'NORDESTE', 5, 1],
  ['AC', 'Acre', 'NORTE', 0, 2],
  ['RO', 'Rondônia', 'NORTE', 1, 2],
  ['TO', 'Tocantins', 'NORTE', 2, 2],
  ['PI', 'Piauí', 'NORDESTE', 3, 2],
  ['PE', 'Pernambuco', 'NORDESTE', 4, 2],
  ['PB', 'Paraíba', 'NORDESTE', 5, 2],
  ['MT', 'Mato Grosso', 'CENTRO_OESTE', 1, 3],
  ['GO', 'Goiás', 'CENTRO_OESTE', 2, 3],
  ['BA', 'Bahia', 'NORDESTE', 3, 3],
  ['SE', 'Sergipe', 'NORDESTE', 4, 3],
  ['AL', 'Alagoas', 'NORDESTE', 5, 3],
  ['MS', 'Mato Grosso do Sul', 'CENTRO_OESTE', 1, 4],
  ['DF', 'Distrito Federal', 'CENTRO_OESTE', 2, 4],
  ['MG', 'Minas Gerais', 'SUDESTE', 3, 4],
  ['ES', 'Espírito Santo', 'SUDESTE', 4, 4],
  ['SP', 'São Paulo', 'SUDESTE', 2, 5],
  ['RJ', 'Rio de Janeiro', 'SUDESTE', 3, 5],
  ['PR', 'Paraná', 'SUL', 2, 6],
  ['SC', 'Santa Catarina', 'SUL', 2, 7],
  ['RS', 'Rio Grande do Sul', 'SUL', 2, 8],
].map(([uf, name, region, col, row]) => ({ uf, name, region, col, row }));
