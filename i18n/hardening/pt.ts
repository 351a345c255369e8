import type { hardeningZhHant } from './zh-Hant';

export const hardeningPt: Record<keyof typeof hardeningZhHant, string> = {
  'hardening.scan.tooManyPixels':
    'A imagem é demasiado grande ({megapixels} megapíxeis); o limite é {limit} megapíxeis (uma folha A4 a 600 dpi tem cerca de 35). Digitalize de novo com menor resolução.',
  'hardening.scan.tooComplex':
    'O ficheiro tem demasiadas páginas ou partes para ser verificado com segurança (limite de {maxPages} páginas) e não foi anexado. Digitalize em partes ou guarde como PDF.',
  'hardening.scan.checkTimedOut': 'A verificação do ficheiro demorou demasiado e o ficheiro não foi anexado. Digitalize de novo ou guarde como PDF.',
  'hardening.scanner.notPlainFile':
    'Este item da pasta do digitalizador é uma ligação ou um ficheiro especial, não uma digitalização, e não é lido. Retire-o da pasta.',
  'hardening.download.title': 'Guardar o ficheiro fora da base de dados cifrada',
  'hardening.download.message': '«{fileName}» vai ser guardado sem cifra no local que escolher.',
  'hardening.download.detail':
    'Fora da base de dados cifrada da aplicação, o ficheiro deixa de ser apagado pelo prazo de conservação e pode ser lido por quem tiver acesso a esse local. Guarde-o só se for necessário e apague-o depois de usado.',
  'hardening.download.choose': 'Escolher onde guardar…',
  'hardening.download.cancel': 'Cancelar',
  'history.action.purge_form': 'Dados pessoais apagados deste posto de trabalho (guardados no servidor, prazo de conservação cumprido)',
  'hardening.report.auditHead': 'Topo da cadeia de auditoria: registo {seq} {hash}',
  'hardening.report.auditSigned': 'Assinado por este posto de trabalho: {signature}',
  'hardening.report.auditUnsigned': 'Este posto de trabalho não está registado: o topo da cadeia de auditoria não está assinado',
  'hardening.enrolment.serverKeyMismatch':
    'A chave de assinatura deste servidor ({presented}…) não é a do servidor central indicada na configuração da máquina ({expected}…). O posto de trabalho não foi registado e nada foi guardado. Verifique o endereço e avise o administrador do sistema.',
  'hardening.enrolment.tlsKeyMismatch':
    'O servidor neste endereço apresentou uma chave TLS diferente da indicada na configuração da máquina. Nada foi enviado e o posto de trabalho não foi registado. Verifique o endereço e avise o administrador do sistema.',
  'hardening.enrolment.needsHttps': 'A configuração da máquina fixa a chave TLS do servidor central: introduza um endereço que comece por https://.',
  'hardening.sync.serverKeyMismatch':
    'Este posto de trabalho foi registado num servidor (chave {presented}…) que não é o servidor central indicado na configuração da máquina ({expected}…): nada é enviado e os dados continuam guardados aqui. Peça ao administrador do sistema que registe de novo o posto de trabalho.',
  'hardening.sync.tlsKeyMismatch':
    'Este posto de trabalho foi registado num servidor cuja chave TLS não é a indicada na configuração da máquina: nada é enviado e os dados continuam guardados aqui. Peça ao administrador do sistema que registe de novo o posto de trabalho.',
  'hardening.enrolment.machineConfigUntrusted':
    'A configuração da máquina não é aceite (formato inválido, ou o utilizador do programa pode alterá-la), por isso o registo não é possível. Peça ao administrador do sistema que corrija o ficheiro.',
};
