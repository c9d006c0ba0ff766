import { toast } from '../services/cloud';

/**
 * Saves a local picture to the phone's album, as the poster and materials pages do. A refused album permission
 * offers the settings page (WeChat asks only once); a cancel is silent; anything else says it failed.
 */
export async function saveToAlbum(filePath: () => Promise<string>): Promise<void> {
  try {
    await wx.saveImageToPhotosAlbum({ filePath: await filePath() });
    toast('已保存到相册');
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? '';
    if (message.includes('auth')) {
      const { confirm } = await wx.showModal({
        title: '需要相册权限',
        content: '请在设置中允许保存到相册',
        confirmText: '去设置',
      });
      if (confirm) wx.openSetting();
    } else if (!message.includes('cancel')) toast('保存失败，请重试');
  }
}
