import type { workstationZhHant } from './zh-Hant';

export const workstationPt: Record<keyof typeof workstationZhHant, string> = {
  'nav.settings': 'Definições',
  'workstation.title': 'Definições do posto de trabalho',
  'workstation.intro':
    'O administrador do posto de trabalho define aqui o posto de atendimento, o código do posto de trabalho e a pasta do digitalizador. O recibo imprime o nome do posto de atendimento.',
  'workstation.placeholderNotice': 'Este posto de trabalho ainda usa o posto de atendimento de teste. Não se emitem recibos até o definir.',
  'workstation.servicePointCode': 'Código do posto de atendimento (2–8 letras maiúsculas ou algarismos)',
  'workstation.nameZh': 'Nome do posto de atendimento (chinês)',
  'workstation.namePt': 'Nome do posto de atendimento (português)',
  'workstation.workstationId': 'Código do posto de trabalho (2–8 letras maiúsculas ou algarismos)',
  'workstation.workstationIdLocked': 'Este posto de trabalho já atribuiu números de pedido: o seu código já não pode ser alterado.',
  'workstation.scannerFolder': 'Pasta do digitalizador (caminho completo; vazio para não usar)',
  'workstation.save': 'Guardar definições do posto de trabalho',
  'workstation.saved': 'Definições guardadas.',
  'workstation.savedRestart':
    'Definições guardadas. Reinicie a aplicação para que o novo código do posto de trabalho, o código do posto de atendimento ou a pasta do digitalizador entrem em vigor.',
  'workstation.receiptSettings': 'Definições do recibo',
  'workstation.error.invalid': 'Definições inválidas: os códigos têm 2–8 letras maiúsculas ou algarismos e os nomes 1–100 carateres.',
  'workstation.error.placeholderCode': 'O código de teste DEV não pode ser usado: indique o código oficial do posto de atendimento.',
  'workstation.error.folderMissing': 'A pasta do digitalizador «{folder}» não existe: indique o caminho completo de uma pasta existente, ou deixe vazio.',
  'workstation.error.workstationIdLocked':
    'Este posto de trabalho ({workstationId}) já atribuiu números de pedido: alterar o código repetiria números de pedido, por isso não é permitido.',
  'workstation.error.receiptPlaceholder':
    'O posto de atendimento deste posto de trabalho ainda não foi definido: o recibo não foi emitido. Peça ao administrador do posto de trabalho que o defina em «Definições».',
  'workstation.reference.title': 'Dados de referência',
  'workstation.reference.intro':
    'Importa as entidades que já têm conta e os seus acessos (ficheiro JSON, formato no README). O ficheiro só é importado se estiver todo correto.',
  'workstation.reference.file': 'Ficheiro de dados de referência',
  'workstation.reference.imported': 'Importadas {entities} entidades e {staffLogins} acessos.',
  'workstation.error.referenceInvalid': 'O ficheiro não é um ficheiro de dados de referência válido; nada foi importado: {detail}',
};
