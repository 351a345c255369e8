import type { firstRunZhHant } from './zh-Hant';

export const firstRunPt: Record<keyof typeof firstRunZhHant, string> = {
  'auth.setup.code': 'Código de configuração único',
  'auth.setup.codeHint.machine_config': 'O código foi mostrado na instalação do programa; peça-o ao administrador informático.',
  'auth.setup.codeHint.start_console': 'O código aparece na consola que iniciou o programa (COUNTERDESK_SETUP_CODE=…).',
  'auth.setup.codeHint.unavailable': 'Este posto não tem código de configuração: o administrador informático tem de escrever a configuração da máquina.',
  'auth.error.setupCodeInvalid':
    'Código de configuração errado ({remaining, plural, one {resta # tentativa} other {restam # tentativas}}). Foi mostrado na instalação; peça-o ao administrador informático.',
  'auth.error.setupCodeUnavailable':
    'Este posto não pode ser configurado: não há código de configuração ou houve demasiadas tentativas erradas. O administrador informático deve verificar {path} e reiniciar o programa.',
  'auth.enrolment.machineKey':
    'A chave pública da entidade de registo é fixada pela configuração da máquina {path}; o administrador do posto não a pode alterar.',
  'auth.enrolment.machineKeyMissing':
    'A configuração da máquina {path} não indica a chave da entidade de registo: não é possível importar ficheiros de registo.',
  'auth.enrolment.machineConfigUntrusted': 'A configuração da máquina {path} não é aceite (formato inválido, ou o utilizador do programa pode alterá-la).',
  'auth.enrolment.notConfigured': '(não configurada)',
  'firstRun.title': 'Ligar ao servidor central',
  'firstRun.intro':
    'Introduza o endereço do servidor e o código de registo único dados pelo administrador do servidor. Depois do registo, utilizadores, funções e dados de referência chegam por sincronização.',
  'firstRun.serverUrl': 'Endereço do servidor',
  'firstRun.code': 'Código de registo único',
  'firstRun.codeHint': 'Formato: XXXX-XXXX-XXXX-XXXX-XXXX',
  'firstRun.servicePoint': 'Código do posto de atendimento',
  'firstRun.workstation': 'Código do posto de trabalho',
  'firstRun.file': 'Ou ler o ficheiro de registo dado pelo administrador',
  'firstRun.submit': 'Registar este posto',
  'firstRun.busy': 'A ligar ao servidor…',
  'firstRun.standalone': 'Não ligar agora; usar como posto autónomo',
  'firstRun.standaloneNote':
    'Posto autónomo: os utilizadores são criados pelo administrador deste posto e os dados ficam só aqui. Pode ligar ao servidor central mais tarde em «Definições».',
  'firstRun.done': 'Registado como posto {workstationId}; servidor: {server}.',
  'firstRun.enrolled': 'Este posto está ligado ao servidor central {server} (posto {workstationId}).',
  'firstRun.error.code': 'O código de registo está errado, já foi usado ou expirou. Peça um novo ao administrador do servidor.',
  'firstRun.error.codeFormat': 'O código tem 20 caracteres em cinco grupos, por exemplo ABCD-EFGH-JKMN-PQRS-TVWX.',
  'firstRun.error.unreachable': 'Não foi possível contactar o servidor {server}. Verifique o endereço e a rede e tente de novo.',
  'firstRun.error.clockSkew': 'O relógio deste computador está muito longe do do servidor (hora do servidor {serverTime, datetime}). Acerte a hora primeiro.',
  'firstRun.error.file': 'O ficheiro de registo não é válido: {detail}',
};
